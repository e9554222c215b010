#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grill/xalloc.h"

typedef struct slot {
	const char *key;
	void *value;
} slot;

struct strmap {
	slot *slots;
	size_t cap;   /* a power of two */
	size_t count;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ull;
	}
	return h;
}

strmap *strmap_new(void)
{
	strmap *m = xcalloc(1, sizeof(*m));

	m->cap = 16;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	return m;
}

void strmap_free(strmap *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m);
}

static slot *find_slot(slot *slots, size_t cap, const char *key)
{
	size_t i = (size_t)hash_str(key) & (cap - 1);

	while (slots[i].key && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static void grow(strmap *m)
{
	size_t ncap = m->cap * 2, i;
	slot *ns = xcalloc(ncap, sizeof(*ns));

	for (i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			*find_slot(ns, ncap, m->slots[i].key) = m->slots[i];
	free(m->slots);
	m->slots = ns;
	m->cap = ncap;
}

void *strmap_put(strmap *m, const char *key, void *value)
{
	slot *s;

	if ((m->count + 1) * 4 > m->cap * 3)
		grow(m);
	s = find_slot(m->slots, m->cap, key);
	if (s->key)
		return s->value;
	s->key = key;
	s->value = value;
	m->count++;
	return NULL;
}

void *strmap_get(const strmap *m, const char *key)
{
	slot *s = find_slot(m->slots, m->cap, key);

	return s->key ? s->value : NULL;
}

size_t strmap_count(const strmap *m)
{
	return m->count;
}
