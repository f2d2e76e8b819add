/** Per-category sums a weighted table needs: sum of w, of w^2, and the respondents. */
export class Sums {
  readonly w: number[] = [];
  readonly w2: number[] = [];
  readonly n: number[] = [];
  add(i: number, w: number): void {
    while (this.w.length <= i) {
      this.w.push(0);
      this.w2.push(0);
      this.n.push(0);
    }
    this.w[i]! += w;
    this.w2[i]! += w * w;
    this.n[i]!++;
  }
}

export class Total {
  w = 0;
  w2 = 0;
  n = 0;
  add(w: number): void {
    this.w += w;
    this.w2 += w * w;
    this.n++;
  }
}
