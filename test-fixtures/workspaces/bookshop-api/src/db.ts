// Stand-in for the data layer; the real service uses Postgres.
export interface OrderRow {
  id: string;
  customerId: string;
  items: { isbn: string; quantity: number }[];
  status: 'placed' | 'paid' | 'shipped' | 'cancelled';
}

const rows: OrderRow[] = [];

export const db = {
  orders: {
    async create(input: { customerId: string; items: OrderRow['items'] }): Promise<OrderRow> {
      const row: OrderRow = { id: String(rows.length + 1), status: 'placed', ...input };
      rows.push(row);
      return row;
    },
    async findOne(query: { id: string; customerId?: string }): Promise<OrderRow | undefined> {
      return rows.find((r) => r.id === query.id && (query.customerId === undefined || r.customerId === query.customerId));
    },
    async all(): Promise<OrderRow[]> {
      return [...rows];
    },
  },
  customers: {
    async remove(id: string): Promise<void> {
      void id;
    },
  },
};
