import type Database from 'better-sqlite3';

/**
 * VM and event names interned into small integers (tables `vm_names`, `event_names`): a name is
 * stored once instead of in every row and every index entry. The few hundred names stay in memory.
 */
export class NameTable {
  private readonly ids = new Map<string, number>();
  private readonly names = new Map<number, string>();
  private readonly insert: Database.Statement;
  private readonly all: Database.Statement;

  constructor(db: Database.Database, table: 'vm_names' | 'event_names') {
    this.insert = db.prepare(`INSERT INTO ${table} (name) VALUES (?) RETURNING id`);
    this.all = db.prepare(`SELECT id, name FROM ${table}`);
    this.reload();
  }

  /** The id of `name`, adding it when new: call inside the transaction that uses it. */
  intern(name: string): number {
    const known = this.ids.get(name);
    if (known !== undefined) return known;
    const { id } = this.insert.get(name) as { id: number };
    this.ids.set(name, id);
    this.names.set(id, name);
    return id;
  }

  /** The id of a name already stored, or undefined (nothing stored can match it). */
  idOf(name: string): number | undefined {
    return this.ids.get(name);
  }

  nameOf(id: number): string {
    const name = this.names.get(id);
    if (name === undefined) throw new Error(`events.db refers to name id ${id}, which is missing: the database is damaged`);
    return name;
  }

  /** Re-reads the table: after a rolled-back transaction, ids handed out in it are void. */
  reload(): void {
    this.ids.clear();
    this.names.clear();
    for (const row of this.all.all() as { id: number; name: string }[]) {
      this.ids.set(row.name, row.id);
      this.names.set(row.id, row.name);
    }
  }
}
