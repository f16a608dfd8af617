#include "sparql/eval/pattern_hash_table.h"

#include "sparql/eval/query_context.h"

namespace cairn::sparql {

Result<bool> PatternHashTable::Build(const QuadPattern& pattern, std::size_t max_rows, QueryContext& context) {
  built_ = true;
  triples_.clear();
  next_.clear();
  heads_.clear();
  auto scan = context.view().Scan(pattern);
  for (; scan->Valid(); scan->Next()) {
    CAIRN_RETURN_IF_ERROR(context.CheckInterrupt());
    if (triples_.size() >= max_rows) {
      triples_ = {};
      next_ = {};
      heads_ = {};
      return false;
    }
    const QuadIds& q = scan->quad();
    Triple t{q.subject, q.predicate, q.object};
    Key key{0, 0, 0};
    for (std::size_t i = 0; i < key_positions_.size(); ++i) key[i] = t[key_positions_[i]].bits;
    auto index = static_cast<std::uint32_t>(triples_.size());
    auto [it, added] = heads_.try_emplace(key, index);
    next_.push_back(added ? kEnd : it->second);  // prepend: a match's chain goes to older ones
    it->second = index;
    triples_.push_back(t);
  }
  CAIRN_RETURN_IF_ERROR(scan->status());
  return true;
}

}  // namespace cairn::sparql
