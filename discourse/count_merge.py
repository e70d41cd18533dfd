"""Summing the count tables of corpus partitions (:func:`merge_count_tables`), as if the
corpus had been counted at once: the Dask path of :mod:`discourse.scale` counts each
partition with :func:`discourse.counting.count_table` and joins the results here."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["merge_count_tables"]


def merge_count_tables(parts, *, by, labels=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sum count tables (:func:`discourse.counting.count_table` results) of corpus
    partitions into the count table of the whole, as if counted at once.

    Counts and totals add up; ``doc_freq`` adds up because a document lies in one
    partition only. Groups (``lang`` + ``by`` values) are matched by value and keep
    the order in which they first come in the partitions, or the order of ``labels``
    (the groups of the whole corpus, from :func:`discourse.counting.groups`) when given.

    ``parts`` are the ``(table, groups)`` of ``count_table`` for each partition, in
    corpus order; ``labels`` the ``lang`` + ``by`` columns of the whole corpus's groups, in
    its order. Returns ``(table, groups)`` as ``count_table`` does.
    """
    keys = ["lang", *by]
    group_parts, table_parts = [], []
    for number, (table, groups) in enumerate(parts):
        group_parts.append(groups.assign(_part=number, _local=np.arange(len(groups))))
        table_parts.append(table.assign(_part=number))
    groups = pd.concat(group_parts, ignore_index=True)
    if labels is not None:  # the group order of the whole corpus
        order = labels[keys].reset_index(drop=True).assign(_order=np.arange(len(labels)))
        groups = groups.merge(order, on=keys, how="left", sort=False)
        groups = groups.sort_values(["_order", "_part", "_local"], kind="mergesort").drop(columns="_order")
    groups["_group"] = groups.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
    merged = groups.drop_duplicates("_group").sort_values("_group")[keys].reset_index(drop=True)
    totals = groups.groupby("_group", sort=True)["total"].sum().to_numpy(dtype=np.int64)
    merged["total"] = totals
    code = groups.set_index(["_part", "_local"])["_group"]
    table = pd.concat(table_parts, ignore_index=True)
    table["_group"] = code.reindex(pd.MultiIndex.from_arrays([table["_part"], table["_group"]])).to_numpy()
    summed = table.groupby(["_group", "term"], sort=False)[["count", "doc_freq"]].sum().reset_index()
    g = summed["_group"].to_numpy(dtype=np.int64)
    out = merged[keys].iloc[g].reset_index(drop=True)
    out["term"] = summed["term"].to_numpy()
    out["count"] = summed["count"].to_numpy(dtype=np.int64)
    out["doc_freq"] = summed["doc_freq"].to_numpy(dtype=np.int64)
    out["total"] = totals[g]
    out["_group"] = g
    return out, merged
