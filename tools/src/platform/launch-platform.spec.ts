import { describe, expect, it } from '@jest/globals';
import { developmentSurveyUrl } from './launch-platform.js';

describe('developmentSurveyUrl', () => {
  it('points closure notices at the web app’s survey page on the development gateway', () => {
    expect(developmentSurveyUrl(4000, false)).toBe('http://127.0.0.1:4000/survey');
  });

  it('leaves the link to the environment in production and when the OS picks the gateway’s port', () => {
    expect(developmentSurveyUrl(4000, true)).toBeUndefined();
    expect(developmentSurveyUrl(0, false)).toBeUndefined();
  });
});
