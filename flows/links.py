"""Corpus links, after a run's commits: near-duplicate clusters and cited documents.

Both are incremental. A run links the documents it wrote (and those of runs that never finished):
- duplicates: their LSH band keys (lsh_bands) are joined with every earlier document's, candidate
  pairs are kept when their MinHash signatures (documents.minhash) agree (near_duplicates.
  is_duplicate), and the clusters they touch are re-headed by their earliest document
  (documents.duplicate_of and the duplicates table); no earlier text is read.
- references: the citations of the new documents and every still-open citation (cited_doc_id
  null, or pointing to a document superseded since) are resolved against the current documents
  by 发文字号, else by title; only rows whose cited_doc_id changes are rewritten.
Runs on the driver (the warehouse's one writer), after the batches, also with --task-runner dask.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from schemas import schema
from transforms import near_duplicates, references

from . import warehouse

# A band key shared by more documents than this is a template, not a repost: its pairs are skipped
# (a bucket of n documents costs n*(n-1)/2 comparisons).
MAX_BUCKET = 200


def _ids(values) -> pa.Array:
    return pa.array(sorted(values), pa.string())


ORDER_COLUMNS = ["doc_id", "doc_date", "published_at", "processed_at", "source_path"]


def _order(rows: list[dict]) -> dict[str, tuple]:
    """Cluster order, earliest first: doc_date (undated last), then the page's publication time,
    then the first written, then the path (a stable tie-break within one batch)."""
    def iso(value) -> str:
        return value.isoformat() if value else near_duplicates.NO_DATE

    return {r["doc_id"]: (iso(r["doc_date"]), iso(r["published_at"]), iso(r["processed_at"]), r["source_path"], r["doc_id"])
            for r in rows}


@dataclass
class DuplicateWrites:
    """What clustering decided: documents.duplicate_of values that change, duplicates rows to
    upsert, duplicates rows to delete."""
    duplicate_of: dict[str, str | None]
    rows: list[dict]
    no_longer: set[str]

    def apply(self, output_dir: str | Path) -> None:
        """Write it to the warehouse (duplicate_of by a merge of the changed values only)."""
        if self.rows:
            warehouse.upsert(output_dir, "duplicates", pa.Table.from_pylist(self.rows, schema=schema("duplicates")))
        if self.no_longer:
            warehouse.delete_keys(output_dir, "duplicates", "doc_id", sorted(self.no_longer))
        warehouse.set_column(output_dir, "documents", "doc_id", "duplicate_of", self.duplicate_of)


def link_duplicates(output_dir: str | Path, doc_ids: set[str]) -> dict[str, int]:
    """Cluster `doc_ids` with every current document and write the result; returns counts."""
    counts, writes = cluster_duplicates(output_dir, doc_ids)
    writes.apply(output_dir)
    return counts


def cluster_duplicates(output_dir: str | Path, doc_ids: set[str]) -> tuple[dict[str, int], DuplicateWrites]:
    """Cluster `doc_ids` with every current document: counts for the run's log and what to write.
    Reads band keys and signatures, never text."""
    if not doc_ids:
        return {"pairs": 0, "duplicates": 0}, DuplicateWrites({}, [], set())
    docs = warehouse.read_table(output_dir, "documents", ORDER_COLUMNS + ["superseded_by", "duplicate_of"])
    bands = warehouse.read_table(output_dir, "lsh_bands")
    current = set(docs.filter(pc.is_null(docs.column("superseded_by"))).column("doc_id").to_pylist())
    bands = bands.filter(pc.is_in(bands.column("doc_id"), value_set=_ids(current)))
    new = bands.filter(pc.is_in(bands.column("doc_id"), value_set=_ids(doc_ids & current)))
    # only keys shared by 2..MAX_BUCKET documents make candidates: a key held by one document (most
    # of them) would only pair each document with itself, and joining them cost 1.2 GB at 20,000
    sizes = bands.group_by("band_key").aggregate([("doc_id", "count")])
    shared = sizes.filter(pc.and_(pc.greater(sizes.column("doc_id_count"), 1),
                                  pc.less_equal(sizes.column("doc_id_count"), MAX_BUCKET))).column("band_key")
    bands = bands.filter(pc.is_in(bands.column("band_key"), value_set=shared))
    new = new.filter(pc.is_in(new.column("band_key"), value_set=shared))
    joined = new.join(bands, keys="band_key", right_suffix="_other")
    a, b = joined.column("doc_id"), joined.column("doc_id_other")
    joined = joined.filter(pc.not_equal(a, b))
    first = pc.less(joined.column("doc_id"), joined.column("doc_id_other"))
    low = pc.if_else(first, joined.column("doc_id"), joined.column("doc_id_other"))
    high = pc.if_else(first, joined.column("doc_id_other"), joined.column("doc_id"))
    unique = pa.table({"a": low, "b": high}).group_by(["a", "b"]).aggregate([])  # a pair shares up to 42 keys
    pairs = set(zip(unique.column("a").to_pylist(), unique.column("b").to_pylist()))

    known = warehouse.read_table(output_dir, "duplicates")
    known_rows = [r for r in known.to_pylist() if r["doc_id"] in current and r["duplicate_of"] in current]
    stale = {r["doc_id"] for r in known.to_pylist()} - {r["doc_id"] for r in known_rows}  # superseded since
    involved = {d for p in pairs for d in p}
    signatures = _signatures(output_dir, involved)
    found = [p for p in pairs if near_duplicates.is_duplicate(near_duplicates.similarity(signatures.get(p[0], b""),
                                                                                       signatures.get(p[1], b"")))]
    touched = {d for p in found for d in p} | (doc_ids & {r["doc_id"] for r in known_rows})
    old_head = {r["doc_id"]: r["duplicate_of"] for r in known_rows}
    # the known clusters that a touched document belongs to come along whole
    heads_touched = {old_head.get(d, d) for d in touched}
    members = {d: h for d, h in old_head.items() if h in heads_touched}
    order = _order(docs.filter(pc.is_in(docs.column("doc_id"), value_set=_ids(touched | set(members) | set(members.values())))).to_pylist())
    heads = near_duplicates.clusters(found, members, order)
    heads.update({d: d for d in doc_ids & current if d not in heads})  # a new unique text

    signatures.update(_signatures(output_dir, set(heads) - set(signatures)))
    rows = [{"doc_id": d, "duplicate_of": h, "similarity": near_duplicates.similarity(signatures.get(d, b""), signatures.get(h, b""))}
            for d, h in heads.items() if d != h]
    no_longer = ({d for d, h in heads.items() if d == h and d in old_head} | stale)
    wanted = {d: (None if h == d else h) for d, h in heads.items()}
    wanted.update({d: None for d in stale if d in current and d not in heads})
    # only values that differ from the stored column: a merge rewrites every data file it touches
    stored = dict(zip(docs.column("doc_id").to_pylist(), docs.column("duplicate_of").to_pylist()))
    changed = {d: h for d, h in wanted.items() if d in stored and stored[d] != h}
    return {"pairs": len(pairs), "duplicates": len(rows)}, DuplicateWrites(changed, rows, no_longer)


def _signatures(output_dir, doc_ids: set[str]) -> dict[str, bytes]:
    if not doc_ids:
        return {}
    data = warehouse.read_table(output_dir, "documents", ["doc_id", "minhash"])  # ~512 bytes per document
    data = data.filter(pc.is_in(data.column("doc_id"), value_set=_ids(doc_ids)))
    return {d: m or b"" for d, m in zip(data.column("doc_id").to_pylist(), data.column("minhash").to_pylist())}


def resolve_references(output_dir: str | Path, doc_ids: set[str]) -> dict[str, int]:
    """Resolve the citations of `doc_ids` and every open one; returns counts for the run's log."""
    refs = warehouse.read_table(output_dir, "references",
                                ["reference_id", "doc_id", "cited_doc_number", "cited_key", "cited_doc_id"])
    if refs.num_rows == 0:
        return {"resolved": 0, "open": 0}
    docs = warehouse.read_table(output_dir, "documents", ORDER_COLUMNS + ["doc_number", "title", "attachment_title",
                                                                          "superseded_by", "duplicate_of"])
    current_rows = [r for r in docs.to_pylist() if r["superseded_by"] is None]
    current = {r["doc_id"] for r in current_rows}
    order = _order(current_rows)
    index = references.citation_index([
        references.CitableDocument(r["doc_id"], r["doc_number"], r["title"], r["attachment_title"],
                                   (r["duplicate_of"] is not None,) + order[r["doc_id"]])
        for r in current_rows])
    heads = {r["doc_id"]: r["duplicate_of"] for r in current_rows if r["duplicate_of"] is not None}
    updates = {}
    open_refs = 0
    for ref in refs.to_pylist():
        if ref["doc_id"] not in doc_ids and ref["cited_doc_id"] is not None and ref["cited_doc_id"] in current:
            continue  # resolved, and its target is still current
        target = resolve_ref(ref, index, heads)
        if target is None:
            open_refs += 1
        if target != ref["cited_doc_id"]:
            updates[ref["reference_id"]] = target
    warehouse.set_column(output_dir, "references", "reference_id", "cited_doc_id", updates)
    return {"resolved": sum(v is not None for v in updates.values()), "open": open_refs}


def resolve_ref(ref: dict, index, heads: dict[str, str] | None = None) -> str | None:
    return references.resolve(ref["doc_id"], ref["cited_doc_number"], ref["cited_key"], index, heads)


def link(output_dir: str | Path, doc_ids: set[str]) -> dict:
    """Both steps for the documents a run wrote; returns counts and seconds per step."""
    t0 = time.perf_counter()
    dup = link_duplicates(output_dir, doc_ids)
    t1 = time.perf_counter()
    refs = resolve_references(output_dir, doc_ids) if doc_ids else {"resolved": 0, "open": 0}
    return {**dup, **refs, "seconds": {"link-duplicates": t1 - t0, "link-references": time.perf_counter() - t1}}
