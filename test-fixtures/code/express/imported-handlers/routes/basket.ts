import type { Request, Response } from 'express';
import { BasketModel } from '../models/basket';

// A factory returning the handler, as juice-shop writes them.
export function retrieveBasket() {
  return async (req: Request, res: Response) => {
    const id = req.params.id;
    const basket = await BasketModel.findOne({ where: { id } }); // expect: code-object-lookup-without-ownership
    res.json({ id: basket?.id, items: basket?.items });
  };
}
