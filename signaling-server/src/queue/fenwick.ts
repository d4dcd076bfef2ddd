/**
 * A Fenwick (binary indexed) tree of counts over slots 1…length that can grow at the end.
 * The queue keeps one per line, with a 1 in every slot whose ticket still waits, so a
 * visitor's place in the line is a prefix sum: O(log n), however the line got there.
 */
export class Fenwick {
  /** 1-based; tree[i] holds the sum of slots (i − lowbit(i), i]. Index 0 is unused. */
  private tree: number[] = [0];

  get length(): number {
    return this.tree.length - 1;
  }

  /** Adds a slot at the end holding `value`; returns its index. O(log n). */
  append(value: number): number {
    const index = this.tree.length;
    const lowbit = index & -index;
    // The new node covers (index − lowbit, index]: the value plus the slots already there.
    this.tree.push(value + this.prefix(index - 1) - this.prefix(index - lowbit));
    return index;
  }

  add(index: number, delta: number): void {
    for (let i = index; i < this.tree.length; i += i & -i) this.tree[i]! += delta;
  }

  /** Sum of slots 1…index. */
  prefix(index: number): number {
    let sum = 0;
    for (let i = index; i > 0; i -= i & -i) sum += this.tree[i]!;
    return sum;
  }

  /** Replaces the content with `count` slots holding 1 each. O(count). */
  resetToOnes(count: number): void {
    const tree = new Array<number>(count + 1).fill(1);
    tree[0] = 0;
    for (let i = 1; i <= count; i++) {
      const parent = i + (i & -i);
      if (parent <= count) tree[parent]! += tree[i]!;
    }
    this.tree = tree;
  }
}
