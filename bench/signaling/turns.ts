/**
 * Measurement steps of two servers, one at a time and in the order they were asked for. Each
 * server's search (or hold) asks for its next step as soon as its last one ends, so while both
 * are going a step of one is followed by a step of the other: each server's figures come from
 * the same minutes of the machine as the other's, and only one carries traffic at a time (two
 * at once would share the cores). A step that fails does not stop the steps queued after it.
 */
export class Turns {
  private last: Promise<unknown> = Promise.resolve();

  take<T>(step: () => Promise<T>): Promise<T> {
    const result = this.last.then(step);
    this.last = result.catch(() => undefined);
    return result;
  }
}
