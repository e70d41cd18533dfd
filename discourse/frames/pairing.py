"""The greedy pairing of source and target groups inside one aligned unit (for renderings, step 2).

:class:`Greedy` pairs source groups with target groups best score first, each used once,
the score being the position-free part (``static``) minus
:data:`~discourse.frames.anchoring.DISTANCE` times the distance between the target
group's position and the position expected for the source group
(:func:`~discourse.frames.anchoring.expected`, interpolated between the pairs made), a
pair never crossing a pair made from another source clause. What each source group needs
of the pairs made (its nearest pair on each side, the target range it may not leave) is
kept up to date as pairs are made, one comparison per pair, instead of being searched for
among all the pairs made for every candidate: the results are those of the search, ties
included (the pair made first wins, as ``max``/``min`` give the first of equals).

>>> g = Greedy([])
>>> g.add(0.2, (0, 0), [(0, 2.0), (1, 2.0)], [0.1, 0.9])
>>> g.add(0.8, (0, 1), [(0, 2.0), (1, 2.0)], [0.1, 0.9])
>>> sorted(g.run())
[[0, 0], [1, 1]]
"""

from __future__ import annotations

from .anchoring import DISTANCE, want

__all__ = ["Greedy", "want"]


class Greedy:
    """Source groups paired with target groups inside one unit, best first (module docstring).

    Parameters
    ----------
    made : list of tuple
        ``(source position, target position, clause)`` of the pairs already made (the
        sentence anchors); pairs made by :meth:`run` are appended.
    """

    def __init__(self, made):
        self.made = made
        self.state = []  # per source group: [position, clause, left, right, low, high, want]
        self.cands = []  # per source group: [(target group, static score, target position)]
        self.taken_s, self.taken_t = set(), set()

    def add(self, ps, clause, scores, t_pos):
        """A source group at position `ps` in `clause`, with ``(target group, static score)`` pairs."""
        self.open(ps, clause)
        self.offer(scores, t_pos)

    def open(self, ps, clause):
        """A source group at position `ps` in `clause`, its candidates to come (:meth:`offer`); returns
        ``(low, high)``, the target positions it may take now (the pairs made in other clauses before
        and after it): they only narrow as pairs are made, so a target outside them is no candidate."""
        left = right = None
        low, high = -1.0, 2.0  # positions are in [0, 1]
        for pair in self.made:  # the first of equals, as max and min give it
            x, y, c = pair
            if x <= ps:
                if left is None or x > left[0]:
                    left = pair
                if x < ps and c != clause and y > low:
                    low = y
            else:
                if right is None or x < right[0]:
                    right = pair
                if c != clause and y < high:
                    high = y
        self.state.append([ps, clause, left, right, low, high, want(ps, left, right)])
        return low, high

    def offer(self, scores, t_pos):
        """The ``(target group, static score)`` pairs of the source group opened last."""
        self.cands.append([(j, base, t_pos[j]) for j, base in scores])

    def _made(self, pair):
        """Bring every source group's state up to date with a pair just made."""
        self.made.append(pair)
        x, y, c = pair
        for i, st in enumerate(self.state):
            if i in self.taken_s:
                continue
            ps = st[0]
            if x <= ps:
                if st[2] is None or x > st[2][0]:
                    st[2] = pair
                    st[6] = want(ps, st[2], st[3])
            elif st[3] is None or x < st[3][0]:
                st[3] = pair
                st[6] = want(ps, st[2], st[3])
            if c != st[1]:
                if x < ps and y > st[4]:
                    st[4] = y
                elif x > ps and y < st[5]:
                    st[5] = y

    def best(self):
        """The best pair allowed now, ``(score, source group, target group)``, or None."""
        top, best_i, best_j = 0.0, -1, -1  # only a score above 0 is a pair; the first of equals wins
        taken_s, taken_t, state, dist = self.taken_s, self.taken_t, self.state, DISTANCE
        for i, cands in enumerate(self.cands):
            if i in taken_s:
                continue
            st = state[i]
            low, high, w = st[4], st[5], st[6]
            for j, base, pt in cands:
                if base <= top or j in taken_t or pt < low or pt > high:
                    continue  # cannot beat the best (its score is at most base), taken, or it would cross a
                    # pair made in another source clause
                score = base - dist * abs(pt - w)
                if score > top:
                    top, best_i, best_j = score, i, j
        return (top, best_i, best_j) if best_i >= 0 else None

    def take(self, i, j, pt):
        """Make the pair of source group `i` and target group `j` (at target position `pt`)."""
        self.taken_s.add(i)
        self.taken_t.add(j)
        st = self.state[i]
        self._made((st[0], pt, st[1]))

    def run(self):
        """Pair until no pair scores above 0 (no group added meanwhile); the pairs made."""
        pairs = []
        while (best := self.best()) is not None:
            _, i, j = best
            self.take(i, j, next(pt for k, _, pt in self.cands[i] if k == j))
            pairs.append([i, j])
        return pairs
