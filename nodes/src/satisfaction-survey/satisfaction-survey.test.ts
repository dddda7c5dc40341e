import { describe, expect, it } from 'vitest';
import { fakeRun } from '../testing/fake-run';
import { parseRating, satisfactionSurvey } from '.';

describe('satisfaction-survey', () => {
  it('branches on the rating and stores it', async () => {
    const happy = await fakeRun(satisfactionSurvey, {}, { replies: ['5'] });
    expect(happy.result.port).toBe('positive');
    expect(happy.vars.csat).toBe(5);
    expect((await fakeRun(satisfactionSurvey, {}, { replies: ['2 stars'] })).result.port).toBe('negative');
  });
  it('asks once more on an answer that is not a rating, then gives up', async () => {
    expect((await fakeRun(satisfactionSurvey, {}, { replies: ['meh', '3'] })).result.port).toBe('negative');
    expect((await fakeRun(satisfactionSurvey, {}, { replies: ['meh', 'what'] })).result.port).toBe('no-response');
    expect((await fakeRun(satisfactionSurvey, {}, { replies: [null] })).result.port).toBe('no-response');
  });
  it('reads ratings the way customers write them', () => {
    expect(parseRating('４')).toBe(4);
    expect(parseRating('5分')).toBe(5);
    expect(parseRating('6')).toBeUndefined();
    expect(parseRating('15')).toBeUndefined();
  });
});
