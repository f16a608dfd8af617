#include "tests/w3c/graph_isomorphism.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

namespace cairn::w3c {
namespace {

using Hash = std::uint64_t;

// A quad position holds an interned ground term, or (top bit set) a blank node of its side.
using Slot = std::uint64_t;
constexpr Slot kBlankBit = Slot{1} << 63;
bool IsBlank(Slot slot) { return (slot & kBlankBit) != 0; }
std::uint32_t NodeOf(Slot slot) { return static_cast<std::uint32_t>(slot); }
using EncodedQuad = std::array<Slot, 4>;

// Order-dependent hash combination with a strong finaliser (splitmix64), so that colours of
// structurally different nodes practically never collide.
Hash Mix(Hash seed, Hash value) {
  Hash h = seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

constexpr Hash kInitialColour = 0x6a09e667f3bcc908ULL;
constexpr Hash kMarkerSeed = 0xbb67ae8584caa73bULL;
constexpr Hash kSelfTag = 0x3c6ef372fe94f82bULL;
constexpr Hash kShapeSeed = 0xa54ff53a5f1d36f1ULL;

// Language tags are case-insensitive (BCP 47); everything else compares exactly.
Term Normalized(const Term& term) {
  Term out = term;
  std::transform(out.language.begin(), out.language.end(), out.language.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Ground terms of both sides share one numbering, so equal terms get equal slots.
class TermTable {
 public:
  Slot Intern(const Term& term) {
    auto [it, inserted] = ids_.emplace(Normalized(term), terms_.size());
    if (inserted) terms_.push_back(it->first);
    return it->second;
  }
  const Term& term(Slot slot) const { return terms_[slot]; }

 private:
  std::map<Term, Slot> ids_;
  std::vector<Term> terms_;
};

// One dataset, encoded: distinct ground quads and distinct quads with blank nodes, both sorted.
struct Side {
  std::vector<EncodedQuad> ground;
  std::vector<EncodedQuad> blank;
  std::vector<std::string> labels;  // blank node number -> label, for messages
  std::vector<std::vector<std::uint32_t>> quads_of;  // blank node -> indexes into `blank`, each once

  std::size_t nodes() const { return labels.size(); }

  // Fills quads_of from `blank`.
  void Index() {
    quads_of.assign(nodes(), {});
    for (std::uint32_t q = 0; q < blank.size(); ++q)
      for (int i = 0; i < 4; ++i)
        if (IsBlank(blank[q][i]) && FirstPosition(blank[q], blank[q][i]) == i) quads_of[NodeOf(blank[q][i])].push_back(q);
  }

  static int FirstPosition(const EncodedQuad& quad, Slot slot) {
    return static_cast<int>(std::find(quad.begin(), quad.end(), slot) - quad.begin());
  }
};

void SortUnique(std::vector<EncodedQuad>& quads) {
  std::sort(quads.begin(), quads.end());
  quads.erase(std::unique(quads.begin(), quads.end()), quads.end());
}

Side Encode(std::span<const Quad> quads, TermTable& table) {
  Side side;
  std::map<std::string, std::uint32_t> blank_ids;
  for (const Quad& quad : quads) {
    const Term* terms[4] = {&quad.subject, &quad.predicate, &quad.object, &quad.graph};
    EncodedQuad encoded;
    bool has_blank = false;
    for (int i = 0; i < 4; ++i) {
      if (terms[i]->is_blank()) {
        auto [it, inserted] = blank_ids.emplace(terms[i]->value, static_cast<std::uint32_t>(side.labels.size()));
        if (inserted) side.labels.push_back(terms[i]->value);
        encoded[i] = kBlankBit | it->second;
        has_blank = true;
      } else {
        encoded[i] = table.Intern(*terms[i]);
      }
    }
    (has_blank ? side.blank : side.ground).push_back(encoded);
  }
  SortUnique(side.ground);
  SortUnique(side.blank);
  side.Index();
  return side;
}

// A connected component of a side's blank part (blank nodes linked by sharing quads), as a Side
// of its own, with an isomorphism invariant: the multiset of its nodes' colours in the whole side.
struct Component {
  Side side;
  Hash invariant = 0;
};

std::vector<Component> SplitComponents(const Side& whole, const std::vector<Hash>& colours) {
  // Union-find over blank nodes; every quad's blank nodes end up in one set.
  std::vector<std::uint32_t> parent(whole.nodes());
  for (std::uint32_t n = 0; n < parent.size(); ++n) parent[n] = n;
  auto find = [&](std::uint32_t n) {
    while (parent[n] != n) n = parent[n] = parent[parent[n]];
    return n;
  };
  for (const EncodedQuad& quad : whole.blank) {
    std::optional<std::uint32_t> first;
    for (Slot slot : quad) {
      if (!IsBlank(slot)) continue;
      if (!first) first = find(NodeOf(slot));
      else parent[find(NodeOf(slot))] = *first;
    }
  }
  std::vector<Component> components;
  std::map<std::uint32_t, std::size_t> index_of_root;
  std::vector<std::uint32_t> local(whole.nodes());  // node -> its number inside its component
  for (std::uint32_t n = 0; n < whole.nodes(); ++n) {
    auto [it, inserted] = index_of_root.emplace(find(n), components.size());
    if (inserted) components.emplace_back();
    Side& side = components[it->second].side;
    local[n] = static_cast<std::uint32_t>(side.labels.size());
    side.labels.push_back(whole.labels[n]);
  }
  for (EncodedQuad quad : whole.blank) {
    std::uint32_t owner = 0;
    for (Slot& slot : quad) {
      if (!IsBlank(slot)) continue;
      owner = NodeOf(slot);
      slot = kBlankBit | local[NodeOf(slot)];
    }
    components[index_of_root.at(find(owner))].side.blank.push_back(quad);
  }
  std::vector<std::vector<Hash>> member_colours(components.size());
  for (std::uint32_t n = 0; n < whole.nodes(); ++n) member_colours[index_of_root.at(find(n))].push_back(colours[n]);
  for (std::size_t c = 0; c < components.size(); ++c) {
    std::sort(member_colours[c].begin(), member_colours[c].end());
    Hash h = Mix(kInitialColour, components[c].side.blank.size());
    for (Hash colour : member_colours[c]) h = Mix(h, colour);
    components[c].invariant = h;
    SortUnique(components[c].side.blank);
    components[c].side.Index();
  }
  return components;
}

// Colours of both sides' blank nodes, refined to a stable partition, with the bookkeeping that
// keeps a search step cheap however many nodes are tied: class sizes per side, the colours whose
// class sizes differ between the sides, and A's tied classes ordered by size.
//
// Refinement is 1-dimensional Weisfeiler-Leman driven by a worklist. A node's signature is the
// multiset of its quads' shapes (ground terms, other blank nodes' colours, a "self" tag where the
// node itself appears, so _:a :p _:a differs from _:a :p _:b). When some nodes change colour,
// only their neighbours' signatures change, and only through quads that contain a changed node;
// so each round hashes just those quads and splits the classes the touched nodes belong to. The
// part of a class that was not touched (or, if all was, its largest part) keeps the old colour;
// only the other parts change and propagate. A long chain of blank nodes (an RDF list) thus
// costs time linear in its length, not quadratic. Everything depends on structure, never on
// labels, so isomorphic inputs get equal colours.
class Colouring {
 public:
  Colouring(const Side& a, const Side& b) : sides_{&a, &b} {
    for (int side = 0; side < 2; ++side) {
      std::size_t n = sides_[side]->nodes();
      colours_[side].assign(n, kInitialColour);
      quad_stamps_[side].assign(sides_[side]->blank.size(), 0);
      for (std::size_t i = 0; i < n; ++i) Resize(side, kInitialColour, +1);
      std::vector<std::uint32_t> all(n);
      for (std::uint32_t i = 0; i < n; ++i) all[i] = i;
      Refine(side, std::move(all));
    }
  }

  // Every colour has as many nodes on one side as on the other.
  bool Balanced() const { return balance_.empty(); }

  // A's smallest class with two or more nodes (ties: the smallest colour); nullopt if discrete.
  std::optional<Hash> TiedClass() const {
    if (tied_.empty()) return std::nullopt;
    return tied_.begin()->second;
  }

  std::optional<std::uint32_t> FirstWithColour(int side, Hash colour, std::uint32_t from) const {
    const auto& colours = colours_[side];
    for (std::uint32_t n = from; n < colours.size(); ++n)
      if (colours[n] == colour) return n;
    return std::nullopt;
  }

  const std::vector<Hash>& colours(int side) const { return colours_[side]; }

  // Gives node `a` of A and node `b` of B the same fresh colour and refines both sides.
  void Individualise(std::uint32_t a, std::uint32_t b, Hash marker) {
    std::uint32_t chosen[2] = {a, b};
    for (int side = 0; side < 2; ++side) {
      Recolour(side, chosen[side], marker);
      Refine(side, {chosen[side]});
    }
  }

 private:
  // A node reached by a refinement round: its class, and its signature in that round.
  struct Touched {
    Hash colour, signature;
    std::uint32_t node;
    auto operator<=>(const Touched&) const = default;
  };

  // Rounds until no colour changes; `changed` holds the nodes whose colour just changed.
  void Refine(int side, std::vector<std::uint32_t> changed) {
    const Side& g = *sides_[side];
    std::vector<std::pair<std::uint32_t, Hash>> shapes;  // (node, shape of one of its quads)
    std::vector<Touched> touched;
    while (!changed.empty()) {
      // The shapes of the quads holding a changed node, from each of their blank nodes' view.
      ++epoch_;
      shapes.clear();
      for (std::uint32_t node : changed) {
        for (std::uint32_t q : g.quads_of[node]) {
          if (quad_stamps_[side][q] == epoch_) continue;
          quad_stamps_[side][q] = epoch_;
          const EncodedQuad& quad = g.blank[q];
          for (int i = 0; i < 4; ++i)
            if (IsBlank(quad[i]) && Side::FirstPosition(quad, quad[i]) == i)
              shapes.emplace_back(NodeOf(quad[i]), Shape(side, quad, NodeOf(quad[i])));
        }
      }
      // Each touched node's signature: the sorted shapes of those quads.
      std::sort(shapes.begin(), shapes.end());
      touched.clear();
      for (std::size_t i = 0; i < shapes.size();) {
        std::uint32_t node = shapes[i].first;
        Hash signature = kInitialColour;
        for (; i < shapes.size() && shapes[i].first == node; ++i) signature = Mix(signature, shapes[i].second);
        touched.push_back({colours_[side][node], signature, node});
      }
      // Split each class with touched members by signature.
      std::sort(touched.begin(), touched.end());
      changed.clear();
      for (std::size_t begin = 0; begin < touched.size();) {
        Hash colour = touched[begin].colour;
        std::size_t end = begin;
        while (end < touched.size() && touched[end].colour == colour) ++end;
        SplitClass(side, std::span<const Touched>(touched.data() + begin, end - begin), changed);
        begin = end;
      }
    }
  }

  // `members`: the touched nodes of one class, sorted by signature. Appends recoloured nodes.
  void SplitClass(int side, std::span<const Touched> members, std::vector<std::uint32_t>& changed) {
    Hash colour = members.front().colour;
    bool untouched_remain = sizes_[side].at(colour) > members.size();
    // Parts: runs of equal signature. Keep the old colour for the untouched rest if any, else
    // for the largest part (the first one on ties: signatures are sorted, so this is invariant).
    std::vector<std::span<const Touched>> parts;
    for (std::size_t begin = 0; begin < members.size();) {
      std::size_t end = begin;
      while (end < members.size() && members[end].signature == members[begin].signature) ++end;
      parts.push_back(members.subspan(begin, end - begin));
      begin = end;
    }
    if (!untouched_remain && parts.size() == 1) return;  // touched alike: no split
    std::size_t kept = parts.size();
    if (!untouched_remain) {
      kept = 0;
      for (std::size_t p = 1; p < parts.size(); ++p)
        if (parts[p].size() > parts[kept].size()) kept = p;
    }
    for (std::size_t p = 0; p < parts.size(); ++p) {
      if (p == kept) continue;
      Hash fresh = Mix(colour, parts[p].front().signature);
      for (const Touched& t : parts[p]) {
        Recolour(side, t.node, fresh);
        changed.push_back(t.node);
      }
    }
  }

  Hash Shape(int side, const EncodedQuad& quad, std::uint32_t self) const {
    Hash h = kShapeSeed;
    for (Slot slot : quad) {
      if (!IsBlank(slot)) h = Mix(h, slot);
      else if (NodeOf(slot) == self) h = Mix(h, kSelfTag);
      else h = Mix(h, Mix(kBlankBit, colours_[side][NodeOf(slot)]));
    }
    return h;
  }

  void Recolour(int side, std::uint32_t node, Hash colour) {
    Hash& current = colours_[side][node];
    if (current == colour) return;
    Resize(side, current, -1);
    Resize(side, colour, +1);
    current = colour;
  }

  void Resize(int side, Hash colour, int delta) {
    std::uint32_t before = sizes_[side][colour];
    std::uint32_t after = before + delta;
    if (after == 0) sizes_[side].erase(colour);
    else sizes_[side][colour] = after;
    std::int64_t& balance = balance_[colour];
    balance += side == 0 ? delta : -delta;
    if (balance == 0) balance_.erase(colour);
    if (side == 0) {
      if (before >= 2) tied_.erase({before, colour});
      if (after >= 2) tied_.insert({after, colour});
    }
  }

  std::array<const Side*, 2> sides_;
  std::array<std::vector<Hash>, 2> colours_;
  std::array<std::unordered_map<Hash, std::uint32_t>, 2> sizes_;  // colour -> class size
  std::unordered_map<Hash, std::int64_t> balance_;  // class size on A minus on B; no zeros
  std::set<std::pair<std::uint32_t, Hash>> tied_;   // A's classes of 2+ nodes: (size, colour)
  std::array<std::vector<std::uint32_t>, 2> quad_stamps_;  // Refine()'s "quad seen this round"
  std::uint32_t epoch_ = 0;
};

// Individualise-and-refine search for a blank-node bijection from `a` to `b` (in practice one
// connected component each: see IsomorphicDatasets).
//
// The search path is a list of choices "node a_i of A corresponds to node b_i of B". Colourings
// are not stored per level but replayed from the root when backtracking, which keeps memory
// linear in the component size however deep the path gets.
class Matcher {
 public:
  Matcher(const Side& a, const Side& b, std::uint64_t max_steps)
      : a_(a), b_(b), max_steps_(max_steps), root_(a, b) {}

  bool Run() {
    Colouring state = root_;
    for (;;) {
      if (++steps_ > max_steps_) {
        gave_up_ = true;
        return false;
      }
      if (state.Balanced()) {
        auto tied = state.TiedClass();
        if (!tied) {
          if (Verify(state)) return true;
        } else {
          // Balanced, so B's class has as many members as A's: both have a first one.
          path_.push_back({*state.FirstWithColour(0, *tied, 0), *state.FirstWithColour(1, *tied, 0), *tied});
          Apply(path_.size() - 1, state);
          continue;
        }
      }
      if (!Backtrack(state)) return false;
    }
  }

  bool gave_up() const { return gave_up_; }
  std::uint64_t steps() const { return steps_; }

 private:
  struct Choice {
    std::uint32_t a, b;
    Hash colour;  // the class both were in
  };

  void Apply(std::size_t level, Colouring& state) const {
    state.Individualise(path_[level].a, path_[level].b, Mix(kMarkerSeed, level));
  }

  // Moves the deepest choice that has an untried candidate on B to that candidate.
  bool Backtrack(Colouring& state) {
    while (!path_.empty()) {
      Choice last = path_.back();
      path_.pop_back();
      state = root_;
      for (std::size_t level = 0; level < path_.size(); ++level) Apply(level, state);
      if (auto next = state.FirstWithColour(1, last.colour, last.b + 1)) {
        path_.push_back({last.a, *next, last.colour});
        Apply(path_.size() - 1, state);
        return true;
      }
    }
    return false;
  }

  // With a discrete partition, equal colours name the only possible bijection: check it.
  bool Verify(const Colouring& state) const {
    std::unordered_map<Hash, std::uint32_t> b_by_colour;
    for (std::uint32_t n = 0; n < b_.nodes(); ++n) b_by_colour.emplace(state.colours(1)[n], n);
    std::vector<std::uint32_t> to_b(a_.nodes());
    for (std::uint32_t n = 0; n < a_.nodes(); ++n) to_b[n] = b_by_colour.at(state.colours(0)[n]);
    std::vector<EncodedQuad> mapped = a_.blank;
    for (EncodedQuad& quad : mapped)
      for (Slot& slot : quad)
        if (IsBlank(slot)) slot = kBlankBit | to_b[NodeOf(slot)];
    std::sort(mapped.begin(), mapped.end());
    return mapped == b_.blank;
  }

  const Side& a_;
  const Side& b_;
  std::uint64_t max_steps_;
  std::uint64_t steps_ = 0;
  bool gave_up_ = false;
  Colouring root_;
  std::vector<Choice> path_;
};

// --- Difference reports ---------------------------------------------------------------------

std::string Render(const EncodedQuad& quad, const Side& side, const TermTable& table, bool anonymise) {
  Quad q;
  Term* terms[4] = {&q.subject, &q.predicate, &q.object, &q.graph};
  for (int i = 0; i < 4; ++i) {
    if (!IsBlank(quad[i])) *terms[i] = table.term(quad[i]);
    else *terms[i] = Term::BlankNode(anonymise ? "_" : side.labels[NodeOf(quad[i])]);
  }
  return QuadToString(q);
}

// Appends up to `limit` lines "<prefix> <line>" and a count of the rest.
void AppendLines(std::string& out, std::string_view prefix, const std::vector<std::string>& lines, std::size_t limit) {
  for (std::size_t i = 0; i < lines.size() && i < limit; ++i) {
    out += prefix;
    out += lines[i];
    out += '\n';
  }
  if (lines.size() > limit) out += std::string(prefix) + "... " + std::to_string(lines.size() - limit) + " more\n";
}

// Multiset difference of two sorted string lists.
std::vector<std::string> Minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::vector<std::string> RenderAll(const std::vector<EncodedQuad>& quads, const Side& side, const TermTable& table,
                                   bool anonymise) {
  std::vector<std::string> lines;
  for (const EncodedQuad& q : quads) lines.push_back(Render(q, side, table, anonymise));
  std::sort(lines.begin(), lines.end());
  return lines;
}

// Quads one side has and the other lacks. Blank nodes are shown as _:_ when comparing the blank
// parts, where labels mean nothing: what differs is then how many quads have each shape.
std::string Describe(const Side& expected, const Side& actual, const TermTable& table, std::size_t limit) {
  std::string out;
  std::size_t n_expected = expected.ground.size() + expected.blank.size();
  std::size_t n_actual = actual.ground.size() + actual.blank.size();
  out += "expected " + std::to_string(n_expected) + " distinct quads (" + std::to_string(expected.nodes()) +
         " blank nodes), got " + std::to_string(n_actual) + " (" + std::to_string(actual.nodes()) + " blank nodes)\n";
  auto ground_e = RenderAll(expected.ground, expected, table, false);
  auto ground_a = RenderAll(actual.ground, actual, table, false);
  auto shape_e = RenderAll(expected.blank, expected, table, true);
  auto shape_a = RenderAll(actual.blank, actual, table, true);
  auto missing = Minus(ground_e, ground_a);
  auto extra = Minus(ground_a, ground_e);
  auto missing_shapes = Minus(shape_e, shape_a);
  auto extra_shapes = Minus(shape_a, shape_e);
  if (missing.empty() && extra.empty() && missing_shapes.empty() && extra_shapes.empty()) {
    out += "same quads up to blank-node labels, but the blank nodes are connected differently\n";
    AppendLines(out, "- ", RenderAll(expected.blank, expected, table, false), limit);
    AppendLines(out, "+ ", RenderAll(actual.blank, actual, table, false), limit);
    return out;
  }
  AppendLines(out, "- ", missing, limit);
  AppendLines(out, "- ", missing_shapes, limit);
  AppendLines(out, "+ ", extra, limit);
  AppendLines(out, "+ ", extra_shapes, limit);
  return out;
}

}  // namespace

std::string QuadToString(const Quad& quad) {
  std::string out;
  AppendNTriples(quad.subject, out);
  out += ' ';
  AppendNTriples(quad.predicate, out);
  out += ' ';
  AppendNTriples(quad.object, out);
  if (!quad.graph.is_default_graph()) {
    out += ' ';
    AppendNTriples(quad.graph, out);
  }
  out += " .";
  return out;
}

bool IsomorphicDatasets(std::span<const Quad> expected, std::span<const Quad> actual, std::string* diff,
                        const IsomorphismOptions& options) {
  TermTable table;
  Side e = Encode(expected, table);
  Side a = Encode(actual, table);
  auto fail = [&](std::string reason) {
    if (diff) *diff = std::move(reason) + Describe(e, a, table, options.max_diff_lines);
    return false;
  };
  if (e.ground != a.ground || e.blank.size() != a.blank.size() || e.nodes() != a.nodes()) return fail("");
  if (e.nodes() == 0) return true;
  const std::string no_mapping = "no blank-node mapping makes the datasets equal\n";
  Colouring whole(e, a);
  if (!whole.Balanced()) return fail(no_mapping);

  // Disjoint parts are matched separately: isomorphic datasets have the same components up to
  // isomorphism. This keeps the search as small as a component, and it is what makes many
  // interchangeable blank nodes cheap: they are nearly always many small alike components.
  std::vector<Component> e_parts = SplitComponents(e, whole.colours(0));
  std::vector<Component> a_parts = SplitComponents(a, whole.colours(1));
  std::map<Hash, std::pair<std::vector<std::size_t>, std::vector<std::size_t>>> by_invariant;
  for (std::size_t i = 0; i < e_parts.size(); ++i) by_invariant[e_parts[i].invariant].first.push_back(i);
  for (std::size_t i = 0; i < a_parts.size(); ++i) by_invariant[a_parts[i].invariant].second.push_back(i);
  std::uint64_t budget = options.max_steps;
  for (auto& [invariant, group] : by_invariant) {
    auto& [e_ids, a_ids] = group;
    if (e_ids.size() != a_ids.size()) return fail(no_mapping);
    // Isomorphism is an equivalence, so pairing each component with the first unused isomorphic
    // one never paints the matching into a corner.
    std::vector<bool> used(a_ids.size(), false);
    for (std::size_t i : e_ids) {
      bool matched = false;
      for (std::size_t j = 0; j < a_ids.size() && !matched; ++j) {
        if (used[j]) continue;
        Matcher matcher(e_parts[i].side, a_parts[a_ids[j]].side, budget);
        matched = matcher.Run();
        if (matcher.gave_up())
          return fail("gave up after " + std::to_string(options.max_steps) + " search steps: undecided\n");
        budget -= matcher.steps();
        if (matched) used[j] = true;
      }
      if (!matched) return fail(no_mapping);
    }
  }
  return true;
}

}  // namespace cairn::w3c
