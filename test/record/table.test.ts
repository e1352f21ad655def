import { describe, expect, it } from 'vitest';
import { ColumnTable, formatNumber } from '../../src/record/table.ts';
import { Rng } from '../../src/kernel/rng.ts';

describe('ColumnTable', () => {
  it('grows past its initial capacity and keeps every value', () => {
    const t = new ColumnTable(['a', 'b'], 1);
    for (let i = 0; i < 1000; i++) {
      const r = t.addRow();
      expect(r).toBe(i);
      t.set(r, 0, i);
      t.set(r, 1, i * i);
    }
    expect(t.rows).toBe(1000);
    expect(t.get(999, 1)).toBe(999 * 999);
    const a = t.column('a');
    expect(a.length).toBe(1000);
    expect(a[500]).toBe(500);
    // column() is a copy: writing into it does not touch the table.
    a[0] = 42;
    expect(t.get(0, 0)).toBe(0);
    expect(t.colIndex('b')).toBe(1);
  });

  it('refuses duplicate and unknown columns with a message naming them', () => {
    expect(() => new ColumnTable(['x', 'x'])).toThrow(/duplicate column names in x,x/);
    const t = new ColumnTable(['x']);
    expect(() => t.column('y')).toThrow(/no column "y" \(have x\)/);
    expect(() => t.colIndex('y')).toThrow(/no column "y"/);
  });

  it('writes CSV: header, one line per row, shortest round-trip numbers', () => {
    const t = new ColumnTable(['t_s', 'v_V', 'i_A']);
    const rows = [
      [0, 0.1, 1.5e-9],
      [1, -0, NaN],
      [2.5, Infinity, -Infinity],
    ];
    for (const row of rows) {
      const r = t.addRow();
      row.forEach((v, c) => t.set(r, c, v));
    }
    expect(t.toCSV()).toBe('t_s,v_V,i_A\n0,0.1,1.5e-9\n1,0,NaN\n2.5,Inf,-Inf\n');
    expect(new ColumnTable(['a']).toCSV()).toBe('a\n');
  });

  it('formatNumber reads back to the same double', () => {
    const rng = new Rng(11);
    for (let i = 0; i < 2000; i++) {
      const x = (rng.float() - 0.5) * 10 ** rng.int(40 - 20);
      expect(Number(formatNumber(x))).toBe(x);
    }
  });
});
