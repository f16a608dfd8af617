#include "sparql/eval/subject_star_cache.h"

#include "sparql/eval/query_context.h"

namespace cairn::sparql {

Result<const SubjectStarCache::Pairs*> SubjectStarCache::Triples(TermId subject, QueryContext& context) {
  if (!enabled_) return nullptr;
  if (loaded_ && subject_ == subject) {
    if (too_many_) return nullptr;
    saved_ += 1;
    return &pairs_;
  }
  if (loads_ >= 1 && saved_ < cost_) {
    enabled_ = false;
    return nullptr;
  }
  subject_ = subject;
  loaded_ = true;
  too_many_ = false;
  pairs_.clear();
  ++loads_;
  if (!cursor_) cursor_ = context.view().NewCursor();
  for (cursor_->Seek(QuadPattern{subject, TermId::None(), TermId::None(), graph_}); cursor_->Valid(); cursor_->Next()) {
    if (pairs_.size() == kMaxTriples) {
      too_many_ = true;
      cost_ += 1 + static_cast<double>(kMaxTriples) / 6;
      return nullptr;
    }
    pairs_.emplace_back(cursor_->quad().predicate, cursor_->quad().object);
  }
  CAIRN_RETURN_IF_ERROR(cursor_->status());
  cost_ += 1 + static_cast<double>(pairs_.size()) / 6;
  saved_ += 1;
  return &pairs_;
}

}  // namespace cairn::sparql
