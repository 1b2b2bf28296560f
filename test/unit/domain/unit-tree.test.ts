import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnitTree, type UnitPlace } from '../../../src/domain/unit-tree.ts';

/**
 * The province below: a department with two offices, a commune that absorbed another (which keeps its
 * village office below it), and a commune whose parent the reader cannot see.
 *   tinh ─┬─ so-noi-vu ─┬─ phong-b (position 2)
 *         │             └─ phong-a (position 1)
 *         ├─ xa-a  ◄── xa-b (merged into xa-a) ─── thon-b
 *         └─ xa-c
 */
const PROVINCE: UnitPlace[] = [
  { id: 'tinh', parentId: null, mergedIntoId: null, position: 0 },
  { id: 'so-noi-vu', parentId: 'tinh', mergedIntoId: null, position: 0 },
  { id: 'phong-b', parentId: 'so-noi-vu', mergedIntoId: null, position: 2 },
  { id: 'phong-a', parentId: 'so-noi-vu', mergedIntoId: null, position: 1 },
  { id: 'xa-a', parentId: 'tinh', mergedIntoId: null, position: 1 },
  { id: 'xa-b', parentId: 'tinh', mergedIntoId: 'xa-a', position: 2 },
  { id: 'thon-b', parentId: 'xa-b', mergedIntoId: null, position: 0 },
  { id: 'xa-c', parentId: 'tinh', mergedIntoId: null, position: 3 },
];

const treeOf = (places: readonly UnitPlace[]) => new UnitTree(places, (place) => place);
const ids = (units: readonly UnitPlace[]) => units.map((unit) => unit.id);

describe('UnitTree', () => {
  const tree = treeOf(PROVINCE);

  it('scopes a unit to itself, what is below it and what was merged into it', () => {
    expect(tree.scopeOf('xa-a').sort()).toEqual(['thon-b', 'xa-a', 'xa-b']);
    expect(tree.scopeOf('so-noi-vu').sort()).toEqual(['phong-a', 'phong-b', 'so-noi-vu']);
    expect(tree.scopeOf('tinh')).toHaveLength(PROVINCE.length);
  });

  it('keeps a merged unit with what was below it when sub-units are left out', () => {
    expect(tree.scopeOf('xa-a', false).sort()).toEqual(['thon-b', 'xa-a', 'xa-b']);
    expect(tree.scopeOf('so-noi-vu', false)).toEqual(['so-noi-vu']);
    expect(tree.scopeOf('no-such-unit')).toEqual([]);
  });

  it('lists parents first and siblings by position', () => {
    expect(ids(tree.inTreeOrder(['tinh']))).toEqual(['tinh', 'so-noi-vu', 'phong-a', 'phong-b', 'xa-a', 'xa-b', 'thon-b', 'xa-c']);
  });

  it('lists units merged into a subtree from elsewhere after it', () => {
    const moved = PROVINCE.map((unit) => (unit.id === 'xa-b' ? { ...unit, mergedIntoId: 'so-noi-vu' } : unit));
    expect(ids(treeOf(moved).inTreeOrder(['so-noi-vu']))).toEqual(['so-noi-vu', 'phong-a', 'phong-b', 'xa-b', 'thon-b']);
  });

  it('outlines the units in service with their depth, leaving a merged unit out with what is below it', () => {
    const outline = tree.outline([]).map(({ unit, depth }) => `${depth}:${unit.id}`);
    expect(outline).toEqual(['0:tinh', '1:so-noi-vu', '2:phong-a', '2:phong-b', '1:xa-a', '1:xa-c']);
    expect(tree.outline(['so-noi-vu']).map(({ unit, depth }) => `${depth}:${unit.id}`)).toEqual(['0:so-noi-vu', '1:phong-a', '1:phong-b']);
  });

  it('takes a unit whose parent it does not hold as a root', () => {
    const readable = treeOf(PROVINCE.filter((unit) => unit.id !== 'tinh' && unit.id !== 'so-noi-vu'));
    expect(ids(readable.roots())).toEqual(['phong-b', 'phong-a', 'xa-a', 'xa-b', 'xa-c']);
  });

  it('walks up from a unit to the top, nearest first', () => {
    expect(ids(tree.ancestry('phong-a'))).toEqual(['phong-a', 'so-noi-vu', 'tinh']);
    expect(tree.ancestry('no-such-unit')).toEqual([]);
  });

  it('stops at a cycle instead of looping', () => {
    const cyclic = treeOf([
      { id: 'a', parentId: 'b', mergedIntoId: null, position: 0 },
      { id: 'b', parentId: 'a', mergedIntoId: null, position: 0 },
    ]);
    expect(ids(cyclic.ancestry('a'))).toEqual(['a', 'b']);
    expect(cyclic.scopeOf('a').sort()).toEqual(['a', 'b']);
  });

  it('names only its own units, and every unit in its own scope and in the scope of each ancestor', () => {
    const randomTree = fc.integer({ min: 1, max: 30 }).chain((size) =>
      fc.tuple(
        ...Array.from({ length: size }, (_, index) =>
          fc.record({
            parent: index === 0 ? fc.constant(null) : fc.option(fc.integer({ min: 0, max: index - 1 }), { nil: null }),
            merged: index === 0 ? fc.constant(null) : fc.option(fc.integer({ min: 0, max: index - 1 }), { nil: null }),
            position: fc.integer({ min: 0, max: 5 }),
          }),
        ),
      ),
    );
    fc.assert(
      fc.property(randomTree, (shape) => {
        const places: UnitPlace[] = shape.map((unit, index) => ({
          id: `u${index}`,
          parentId: unit.parent === null ? null : `u${unit.parent}`,
          mergedIntoId: unit.merged === null ? null : `u${unit.merged}`,
          position: unit.position,
        }));
        const random = treeOf(places);
        const known = new Set(ids(places));
        for (const place of places) {
          const scope = random.scopeOf(place.id);
          expect(scope).toContain(place.id);
          expect(new Set(scope).size).toBe(scope.length);
          for (const id of scope) expect(known.has(id)).toBe(true);
          for (const ancestor of random.ancestry(place.id)) expect(random.contains(ancestor.id, place.id)).toBe(true);
        }
        const outlined = ids(random.outline([]).map((entry) => entry.unit));
        expect(new Set(outlined).size).toBe(outlined.length);
        for (const id of outlined) expect(places.find((place) => place.id === id)?.mergedIntoId).toBeNull();
      }),
    );
  });
});
