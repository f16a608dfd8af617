#include "http/resource_page.h"

#include <map>
#include <set>

#include "http/html.h"

namespace cairn::http {
namespace {

constexpr std::string_view kStyle = R"(<style>
body { font-family: "Helvetica Neue", Arial, sans-serif; margin: 0; color: #0b0c0c; line-height: 1.4; }
header { background: #0b0c0c; color: #fff; padding: 0.6em 2em; }
header a { color: #fff; font-weight: bold; text-decoration: none; }
main { padding: 1em 2em; max-width: 70em; }
h1 { font-size: 2em; margin: 0.3em 0; word-break: break-word; }
.iri { font-family: monospace; color: #505a5f; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
caption { text-align: left; font-weight: bold; font-size: 1.3em; padding: 0.4em 0; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #b1b4b6; padding: 0.4em 0.6em; }
th { width: 25%; font-weight: bold; }
a { color: #1d70b8; } a:visited { color: #4c2c92; } a:focus { outline: 3px solid #fd0; background: #fd0; }
.meta { color: #505a5f; font-size: 0.9em; }
.nested { margin: 0; } .nested th { width: 30%; }
nav ul { list-style: none; padding: 0; } nav li { display: inline; margin-right: 1em; }
</style>
)";

bool IsEnglishOrPlain(const Term& literal) {
  return literal.language.empty() || literal.language == "en" || literal.language.rfind("en-", 0) == 0;
}

// The best label per IRI: predicate preference first, then English or untagged over others.
std::map<std::string, std::string> BestLabels(const ResourceDescription& d) {
  const auto& predicates = LabelPredicates();
  std::map<std::string, std::pair<int, std::string>> best;  // iri -> (rank, label)
  auto consider = [&](const Quad& q) {
    if (!q.object.is_literal()) return;
    for (std::size_t i = 0; i < predicates.size(); ++i) {
      if (q.predicate.value != predicates[i]) continue;
      int rank = static_cast<int>(i) * 2 + (IsEnglishOrPlain(q.object) ? 0 : 1);
      auto it = best.find(q.subject.value);
      if (it == best.end() || rank < it->second.first) best[q.subject.value] = {rank, q.object.value};
    }
  };
  for (const Quad& q : d.outbound) consider(q);
  for (const Quad& q : d.labels) consider(q);
  std::map<std::string, std::string> labels;
  for (auto& [iri, ranked] : best) labels[iri] = ranked.second;
  return labels;
}

class PageWriter {
 public:
  PageWriter(const ResourceDescription& d, const PrefixList& prefixes,
             const std::function<std::string(const std::string&)>& href)
      : d_(d), prefixes_(prefixes), href_(href), labels_(BestLabels(d)) {
    for (const Quad& q : d.outbound) by_subject_[q.subject].push_back(&q);
  }

  std::string Label(const std::string& iri) const {
    auto it = labels_.find(iri);
    return it == labels_.end() ? std::string() : it->second;
  }

  // prefix:local when a prefix covers the IRI, else the IRI.
  std::string Short(const std::string& iri) const {
    for (const auto& [prefix, ns] : prefixes_) {
      if (iri.size() > ns.size() && iri.compare(0, ns.size(), ns) == 0) return prefix + ":" + iri.substr(ns.size());
    }
    return iri;
  }

  void Iri(const std::string& iri, std::string& out) const {
    std::string label = Label(iri);
    std::string text = label.empty() ? Short(iri) : label;
    std::string target = href_(iri);
    if (target.empty()) {
      out += "<span class=\"iri\">" + HtmlEscape(text) + "</span>";
    } else {
      out += "<a href=\"" + HtmlEscape(target) + "\"" + (label.empty() ? "" : " title=\"" + HtmlEscape(iri) + "\"") + ">" +
             HtmlEscape(text) + "</a>";
    }
  }

  void Value(const Term& term, std::string& out, int depth) const {
    if (term.is_iri()) {
      Iri(term.value, out);
    } else if (term.is_blank()) {
      auto it = by_subject_.find(term);
      if (it == by_subject_.end() || depth > 8) {
        out += "<span class=\"meta\">(blank node)</span>";
        return;
      }
      out += "<table class=\"nested\">";
      Rows(it->second, out, depth + 1);
      out += "</table>";
    } else {
      if (!term.language.empty()) {
        out += "<span lang=\"" + HtmlEscape(term.language) + "\">" + HtmlEscape(term.value) + "</span>";
        out += " <span class=\"meta\">(" + HtmlEscape(term.language) + ")</span>";
        return;
      }
      out += HtmlEscape(term.value);
      if (!term.datatype.empty() && term.datatype != "http://www.w3.org/2001/XMLSchema#string") {
        out += " <span class=\"meta\">(" + HtmlEscape(Short(term.datatype)) + ")</span>";
      }
    }
  }

  void Rows(const std::vector<const Quad*>& triples, std::string& out, int depth) const {
    std::map<std::string, std::vector<const Term*>> by_predicate;  // ordered: a stable page
    for (const Quad* q : triples) by_predicate[q->predicate.value].push_back(&q->object);
    for (const auto& [predicate, objects] : by_predicate) {
      out += "<tr><th scope=\"row\">";
      Iri(predicate, out);
      out += "</th><td>";
      for (std::size_t i = 0; i < objects.size(); ++i) {
        if (i) out += objects.size() > 1 && !objects[i]->is_blank() ? "<br>" : "";
        Value(*objects[i], out, depth);
      }
      out += "</td></tr>\n";
    }
  }

  const std::vector<const Quad*>& SubjectTriples(const Term& subject) const {
    static const std::vector<const Quad*> none;
    auto it = by_subject_.find(subject);
    return it == by_subject_.end() ? none : it->second;
  }

 private:
  const ResourceDescription& d_;
  const PrefixList& prefixes_;
  const std::function<std::string(const std::string&)>& href_;
  std::map<std::string, std::string> labels_;
  std::map<Term, std::vector<const Quad*>> by_subject_;
};

}  // namespace

std::string RenderResourcePage(const Term& resource, const ResourceDescription& description, const PrefixList& prefixes,
                               const std::function<std::string(const std::string& iri)>& href, const PageLinks& links) {
  PageWriter page(description, prefixes, href);
  std::string title = page.Label(resource.value);
  if (title.empty()) title = resource.value;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
                    HtmlEscape(title) + "</title>\n";
  for (const auto& [name, target] : links.alternates) {
    out += "<link rel=\"alternate\" href=\"" + HtmlEscape(target) + "\" title=\"" + HtmlEscape(name) + "\">\n";
  }
  out += kStyle;
  out += "</head>\n<body>\n<header><a href=\"/\">Cairn</a> &middot; <a href=\"/catalog\">Data catalogue</a></header>\n<main>\n";
  out += "<h1>" + HtmlEscape(title) + "</h1>\n<p class=\"iri\">" + HtmlEscape(resource.value) + "</p>\n";

  const auto& own = page.SubjectTriples(resource);
  if (own.empty()) {
    out += "<p>No statements have this resource as their subject.</p>\n";
  } else {
    out += "<table>\n<caption>Properties</caption>\n<thead><tr><th scope=\"col\">Property</th><th scope=\"col\">Value</th></tr></thead>\n<tbody>\n";
    page.Rows(own, out, 0);
    out += "</tbody>\n</table>\n";
    if (description.outbound_truncated) out += "<p class=\"meta\">This description is truncated.</p>\n";
  }

  if (!description.inbound.empty()) {
    out += "<table>\n<caption>Referenced by</caption>\n<thead><tr><th scope=\"col\">Resource</th><th scope=\"col\">Property</th></tr></thead>\n<tbody>\n";
    for (const Quad& q : description.inbound) {
      out += "<tr><td>";
      page.Value(q.subject, out, 8);
      out += "</td><td>";
      page.Iri(q.predicate.value, out);
      out += "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
    if (!links.previous_inbound.empty() || !links.next_inbound.empty()) {
      out += "<nav aria-label=\"Pages of inbound links\"><ul>";
      if (!links.previous_inbound.empty()) out += "<li><a rel=\"prev\" href=\"" + HtmlEscape(links.previous_inbound) + "\">Previous page</a></li>";
      if (!links.next_inbound.empty()) out += "<li><a rel=\"next\" href=\"" + HtmlEscape(links.next_inbound) + "\">Next page</a></li>";
      out += "</ul></nav>\n";
    }
  }

  out += "<h2>Other formats and tools</h2>\n<nav aria-label=\"Other formats\"><ul>";
  for (const auto& [name, target] : links.alternates) {
    out += "<li><a href=\"" + HtmlEscape(target) + "\">" + HtmlEscape(name) + "</a></li>";
  }
  if (!links.sparql.empty()) out += "<li><a href=\"" + HtmlEscape(links.sparql) + "\">Query this resource with SPARQL</a></li>";
  if (!links.dataset.empty()) out += "<li><a href=\"" + HtmlEscape(links.dataset) + "\">Its dataset</a></li>";
  out += "</ul></nav>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace cairn::http
