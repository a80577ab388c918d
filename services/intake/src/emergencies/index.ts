// Emergency phrases: a detector the submission channels share (docs/adr/0033).
export { EmergencyDetector, type EmergencyVerdict } from './emergency-detector.js';
