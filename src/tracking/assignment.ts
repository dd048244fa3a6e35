/**
 * Linear assignment for the tracker and the MOT evaluator.
 *
 * `minCostAssignment` is the Hungarian method in its shortest-augmenting-path
 * form (Kuhn–Munkres with potentials, as Jonker–Volgenant's augmentation step),
 * O(n²·m) for n rows ≤ m columns. `gatedAssignment` is what ByteTrack gets from
 * `lap.lapjv(cost, extend_cost=True, cost_limit=gate)`: the cheapest set of
 * pairs whose cost is below the gate, where any row or column may stay alone.
 */

/** Row-major cost matrix: `cost[r * cols + c]`. */
export interface CostMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly cost: ArrayLike<number>;
}

export interface Assignment {
  /** [row, col] pairs, in increasing row order. */
  matches: [number, number][];
  unmatchedRows: number[];
  unmatchedCols: number[];
}

function checkMatrix({ rows, cols, cost }: CostMatrix): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`a cost matrix needs whole, non-negative sizes, got ${rows} x ${cols}`);
  }
  if (cost.length !== rows * cols) {
    throw new RangeError(`a ${rows} x ${cols} cost matrix needs ${rows * cols} costs, got ${cost.length}`);
  }
}

/**
 * Minimum-cost assignment of every row to a distinct column when rows ≤ cols
 * (of every column to a distinct row otherwise). Costs must be finite: give a
 * forbidden pair a cost larger than any sum of allowed ones and drop it after.
 * Returns, for each row, its column or -1.
 */
export function minCostAssignment(m: CostMatrix): Int32Array {
  checkMatrix(m);
  const { rows, cols, cost } = m;
  for (let k = 0; k < cost.length; k++) {
    if (!Number.isFinite(cost[k]!)) {
      throw new RangeError(
        `cost [${Math.floor(k / cols)}, ${k % cols}] is ${cost[k]}: costs must be finite (use a large cost for a forbidden pair)`,
      );
    }
  }
  const rowToCol = new Int32Array(rows).fill(-1);
  if (rows === 0 || cols === 0) return rowToCol;
  // The algorithm wants n ≤ m; a tall matrix is solved transposed.
  const transposed = rows > cols;
  const n = transposed ? cols : rows;
  const w = transposed ? rows : cols;
  const a = (i: number, j: number) => (transposed ? cost[j * cols + i]! : cost[i * cols + j]!);

  // 1-based as in the classic statement: column 0 is a virtual start, p[j] the row in column j (0 = none).
  const u = new Float64Array(n + 1);
  const v = new Float64Array(w + 1);
  const p = new Int32Array(w + 1);
  const way = new Int32Array(w + 1);
  const minv = new Float64Array(w + 1);
  const used = new Uint8Array(w + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Number.POSITIVE_INFINITY);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= w; j++) {
        if (used[j]) continue;
        const cur = a(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= w; j++) {
        if (used[j]) {
          const i = p[j]!;
          u[i] = u[i]! + delta;
          v[j] = v[j]! - delta;
        } else {
          minv[j] = minv[j]! - delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  for (let j = 1; j <= w; j++) {
    const i = p[j]!;
    if (i === 0) continue;
    if (transposed) rowToCol[j - 1] = i - 1;
    else rowToCol[i - 1] = j - 1;
  }
  return rowToCol;
}

/** Union-find over rows 0..r-1 and columns r..r+c-1. */
function find(parent: Int32Array, x: number): number {
  let root = x;
  while (parent[root] !== root) root = parent[root]!;
  while (parent[x] !== root) {
    const next = parent[x]!;
    parent[x] = root;
    x = next;
  }
  return root;
}

const eligible = (x: number, gate: number) => x < gate && Number.isFinite(x);

/**
 * The cheapest matching using only pairs with cost < `gate` (NaN and ±∞
 * never match); unmatched rows and columns are free. Equivalent to
 * minimising Σ min(cost, gate) over full assignments, which is how each part
 * is solved. The pairs below the gate split into independent groups (in a
 * video frame almost always one track and one detection), and each group is
 * solved alone, so a frame of 100 objects costs little more than its IoUs.
 */
export function gatedAssignment(m: CostMatrix, gate: number): Assignment {
  checkMatrix(m);
  const { rows, cols, cost } = m;
  const parent = new Int32Array(rows + cols);
  for (let k = 0; k < parent.length; k++) parent[k] = k;
  const rowHasEdge = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!eligible(cost[r * cols + c]!, gate)) continue;
      rowHasEdge[r] = 1;
      const a = find(parent, r);
      const b = find(parent, rows + c);
      if (a !== b) parent[a] = b;
    }
  }
  const rowToCol = new Int32Array(rows).fill(-1);
  const groups = new Map<number, { rs: number[]; cs: number[] }>();
  for (let r = 0; r < rows; r++) {
    if (!rowHasEdge[r]) continue;
    const root = find(parent, r);
    let g = groups.get(root);
    if (!g) {
      g = { rs: [], cs: [] };
      groups.set(root, g);
    }
    g.rs.push(r);
  }
  for (let c = 0; c < cols; c++) {
    const g = groups.get(find(parent, rows + c));
    if (g) g.cs.push(c);
  }
  for (const { rs, cs } of groups.values()) {
    if (rs.length === 1 && cs.length === 1) {
      rowToCol[rs[0]!] = cs[0]!;
      continue;
    }
    const sub = new Float64Array(rs.length * cs.length);
    for (let i = 0; i < rs.length; i++) {
      for (let j = 0; j < cs.length; j++) {
        const x = cost[rs[i]! * cols + cs[j]!]!;
        sub[i * cs.length + j] = eligible(x, gate) ? x : gate;
      }
    }
    const solved = minCostAssignment({ rows: rs.length, cols: cs.length, cost: sub });
    for (let i = 0; i < rs.length; i++) {
      const j = solved[i]!;
      if (j >= 0 && eligible(cost[rs[i]! * cols + cs[j]!]!, gate)) rowToCol[rs[i]!] = cs[j]!;
    }
  }
  const matches: [number, number][] = [];
  const unmatchedRows: number[] = [];
  const colUsed = new Uint8Array(cols);
  for (let r = 0; r < rows; r++) {
    const c = rowToCol[r]!;
    if (c >= 0) {
      matches.push([r, c]);
      colUsed[c] = 1;
    } else {
      unmatchedRows.push(r);
    }
  }
  const unmatchedCols: number[] = [];
  for (let c = 0; c < cols; c++) if (!colUsed[c]) unmatchedCols.push(c);
  return { matches, unmatchedRows, unmatchedCols };
}
