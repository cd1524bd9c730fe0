import type { SourceRef } from './diagnostic.js';

export interface BrandLogo {
  /** absolute real path, checked to stay inside the brand folder */
  path: string;
  type: 'svg' | 'png' | 'jpeg';
  /** text alternative for the logo; defaults to the brand name */
  alt: string;
}

export interface BrandContacts {
  address?: string;
  phone?: string;
  email?: string;
  web?: string;
}

export interface Brand {
  id: string;
  name: string;
  logo?: BrandLogo;
  colours: { primary: string; accent: string; text: string };
  contacts: BrandContacts;
  footer?: string;
  file: string;
  at: SourceRef;
}
