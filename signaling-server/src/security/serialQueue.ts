/**
 * Runs async tasks one at a time, in the order they were given. A task that fails does not stop
 * the ones after it; its promise rejects for its caller.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private unfinished = 0;

  /** Tasks given and not yet finished, the running one included. */
  get waiting(): number {
    return this.unfinished;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.unfinished += 1;
    const result = this.tail.then(task);
    const done = () => {
      this.unfinished -= 1;
    };
    this.tail = result.then(done, done);
    return result;
  }
}
