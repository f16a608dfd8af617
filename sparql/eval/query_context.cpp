#include "sparql/eval/query_context.h"

#include "storage/inline_literal.h"
#include "storage/key_codec.h"

namespace cairn::sparql {

QueryContext::QueryContext(std::shared_ptr<const ReadView> view,
                           std::optional<std::chrono::steady_clock::time_point> deadline,
                           const std::atomic<bool>* cancel)
    : view_(std::move(view)),
      deadline_(deadline),
      cancel_(cancel),
      now_(std::chrono::system_clock::now()) {}

Result<Term> QueryContext::Decode(TermId id) {
  if (IsLocalId(id)) {
    std::uint64_t index = id.payload() & ~kLocalIdBit;
    if (id.is_blank()) {
      char label[32];
      std::snprintf(label, sizeof label, "q%llx", static_cast<unsigned long long>(index));
      return Term::BlankNode(label);
    }
    if (index >= local_terms_.size()) return Status::Corruption("unknown query-local term id");
    return local_terms_[index];
  }
  if (id.in_dictionary()) {
    auto it = decode_cache_.find(id.bits);
    if (it != decode_cache_.end()) return it->second;
    auto term = view_->Decode(id);
    if (term.ok() && decode_cache_.size() < (1u << 16)) decode_cache_.emplace(id.bits, *term);
    return term;
  }
  return view_->Decode(id);
}

std::optional<TermId> QueryContext::LookupInStore(const Term& term) {
  auto id = view_->Lookup(term);
  if (!id.ok() || !id.value()) return std::nullopt;
  return *id.value();
}

TermId QueryContext::Intern(const Term& term) {
  switch (term.kind) {
    case TermKind::kDefaultGraph: return TermId::None();
    case TermKind::kBlankNode: {
      auto [it, added] = blank_labels_.try_emplace(term.value, TermId::None());
      if (added) it->second = FreshBlankNode();
      return it->second;
    }
    case TermKind::kLiteral:
      if (auto inline_id = EncodeInlineLiteral(term)) return *inline_id;
      break;
    case TermKind::kIri: break;
  }
  std::string form = DictionaryForm(term);
  if (auto it = local_ids_.find(form); it != local_ids_.end()) return it->second;
  TermId id;
  if (auto stored = LookupInStore(term)) {
    id = *stored;
  } else {
    id = TermId::Make(term.is_iri() ? TermTag::kIri : TermTag::kLiteral, kLocalIdBit | local_terms_.size());
    local_terms_.push_back(term);
  }
  local_ids_.emplace(std::move(form), id);
  return id;
}

TermId QueryContext::FreshBlankNode() { return TermId::Make(TermTag::kBlankNode, kLocalIdBit | next_blank_++); }

Status QueryContext::CheckInterrupt() {
  // Reading the clock on every call would dominate tight loops; every 256th call is prompt enough.
  if ((++interrupt_counter_ & 255) != 0) return Status::OK();
  if (cancel_ && cancel_->load(std::memory_order_relaxed)) return Status::Cancelled("query cancelled");
  if (deadline_ && std::chrono::steady_clock::now() > *deadline_) return Status::Timeout("query timed out");
  return Status::OK();
}

}  // namespace cairn::sparql
