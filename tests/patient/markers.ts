import type { Patient } from '../../src/model/patient.js';

/** A patient whose every field holds a unique marker, so any leak can be searched for. */
export const MARKED: Patient = {
  name: 'MRKNAMEqz1',
  identifier: 'MRKIDqz2',
  appointment: { date: '2026-03-03', time: '08:30', arrival: '07:45', place: 'MRKPLACEqz3' },
  fasting: 'MRKFASTqz4',
  medication: [{ name: 'MRKDRUGqz5', action: 'stop', from: '2026-02-26', note: 'MRKMEDNOTEqz6' }],
  companion: true,
  doctor: { name: 'MRKDOCqz7', phone: 'MRKPHONEqz8' },
  note: 'MRKNOTEqz9',
};

export const MARKERS = ['MRKNAMEqz1', 'MRKIDqz2', 'MRKPLACEqz3', 'MRKFASTqz4', 'MRKDRUGqz5', 'MRKMEDNOTEqz6', 'MRKDOCqz7', 'MRKPHONEqz8', 'MRKNOTEqz9'];

export const MARKED_YAML = `name: ${MARKED.name}
identifier: ${MARKED.identifier}
appointment:
  date: 2026-03-03
  time: "08:30"
  arrival: "07:45"
  place: ${MARKED.appointment!.place}
fasting: ${MARKED.fasting}
medication:
  - name: ${MARKED.medication![0]!.name}
    action: stop
    from: 2026-02-26
    note: ${MARKED.medication![0]!.note}
companion: true
doctor:
  name: ${MARKED.doctor!.name}
  phone: ${MARKED.doctor!.phone}
note: ${MARKED.note}
`;
