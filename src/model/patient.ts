/**
 * One patient's details for a personal handout. Special-category health
 * data (GDPR art. 9): never in metadata, file names, logs or messages.
 */
export interface Medication {
  name: string;
  action: 'continue' | 'stop';
  /** YYYY-MM-DD */
  from?: string;
  note?: string;
}

export interface Patient {
  name: string;
  /** the language of the free text (note, fasting, place, medicine notes), when not the leaflet's */
  lang?: string;
  identifier?: string;
  appointment?: { date?: string; time?: string; arrival?: string; place?: string };
  fasting?: string;
  medication?: Medication[];
  companion?: boolean;
  doctor?: { name?: string; phone?: string };
  note?: string;
  skip?: string[];
}
