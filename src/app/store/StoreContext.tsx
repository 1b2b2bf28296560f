import { createContext, useContext, type ReactNode } from 'react';
import type { KioskDatabase } from './db.ts';

const StoreContext = createContext<KioskDatabase | null>(null);

export function StoreProvider({ db, children }: { db: KioskDatabase; children: ReactNode }) {
  return <StoreContext.Provider value={db}>{children}</StoreContext.Provider>;
}

export function useKioskDatabase(): KioskDatabase {
  const db = useContext(StoreContext);
  if (!db) throw new Error('useKioskDatabase needs a StoreProvider above it');
  return db;
}
