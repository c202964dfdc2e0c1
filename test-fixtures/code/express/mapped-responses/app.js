// Lists sent through `.map` callbacks: each element goes out as the callback builds it.
const express = require('express');
const { PrismaClient } = require('@prisma/client');
const { requireAuth } = require('./auth');

const db = new PrismaClient();
const app = express();
app.use(requireAuth);

// every stored field of every user, spread into a fresh object
app.get('/team', async (req, res) => {
  const users = await db.user.findMany();
  res.json(users.map((u) => ({ ...u, isMe: u.id === req.user.id }))); // expect: code-sensitive-data-in-response
});

// the callback names the hash itself
app.get('/team/contacts', async (req, res) => {
  const users = await db.user.findMany({ where: { teamId: req.user.teamId } });
  res.json(users.map((u) => ({ id: u.id, email: u.email, passwordHash: u.passwordHash }))); // expect: code-sensitive-data-in-response
});

// a block body returns the element as is
app.get('/team/all', async (req, res) => {
  const users = await db.user.findMany();
  res.json(
    users.map((u) => { // expect: code-sensitive-data-in-response
      return u;
    }),
  );
});

// only the public fields: nothing sensitive leaves
app.get('/team/names', async (req, res) => {
  const users = await db.user.findMany();
  res.json(users.map((u) => ({ id: u.id, name: u.name }))); // ok: code-sensitive-data-in-response
});

// ids only
app.get('/team/ids', async (req, res) => {
  const users = await db.user.findMany();
  res.json(users.map((u) => u.id)); // ok: code-sensitive-data-in-response
});

// the elements are not stored records
app.get('/labels', async (req, res) => {
  const names = ['a', 'b'];
  res.json(names.map((n) => ({ ...{ label: n } }))); // ok: code-sensitive-data-in-response
});

module.exports = app;
