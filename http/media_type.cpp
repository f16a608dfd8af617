#include "http/media_type.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <vector>

namespace cairn::http {
namespace {

struct ResultOffer {
  std::string_view media_type;
  sparql::ResultFormat format;
};
struct RdfOffer {
  std::string_view media_type;
  RdfFormat format;
};

// The tables: the first entry of each is the default; aliases follow their canonical type.
constexpr ResultOffer kResultOffers[] = {
    {"application/sparql-results+json", sparql::ResultFormat::kJson},
    {"application/json", sparql::ResultFormat::kJson},
    {"application/sparql-results+xml", sparql::ResultFormat::kXml},
    {"application/xml", sparql::ResultFormat::kXml},
    {"text/xml", sparql::ResultFormat::kXml},
    {"text/csv", sparql::ResultFormat::kCsv},
    {"text/tab-separated-values", sparql::ResultFormat::kTsv},
};
constexpr RdfOffer kRdfOffers[] = {
    {"text/turtle", RdfFormat::kTurtle},
    {"application/x-turtle", RdfFormat::kTurtle},
    {"application/n-triples", RdfFormat::kNTriples},
    {"application/n-quads", RdfFormat::kNQuads},
    {"application/trig", RdfFormat::kTriG},
    {"application/ld+json", RdfFormat::kJsonLd},
    {"application/rdf+xml", RdfFormat::kRdfXml},
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct MediaRange {
  std::string type, subtype;  // "*" for wildcards
  double q = 1;
};

// Malformed ranges are skipped, as browsers and curl never send them and a strict 400 helps no one.
std::vector<MediaRange> ParseAccept(std::string_view accept) {
  std::vector<MediaRange> ranges;
  while (!accept.empty()) {
    std::size_t comma = accept.find(',');
    std::string_view item = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    std::size_t semi = item.find(';');
    std::string range = Lower(Trim(item.substr(0, semi)));
    std::size_t slash = range.find('/');
    if (range.empty() || slash == std::string::npos) continue;
    MediaRange r{range.substr(0, slash), range.substr(slash + 1)};
    if (r.type.empty() || r.subtype.empty() || (r.type == "*" && r.subtype != "*")) continue;
    while (semi != std::string_view::npos) {
      item = item.substr(semi + 1);
      semi = item.find(';');
      std::string_view param = Trim(item.substr(0, semi));
      if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        std::string value(Trim(param.substr(2)));
        char* end = nullptr;
        double q = std::strtod(value.c_str(), &end);
        if (end != value.c_str()) r.q = std::clamp(q, 0.0, 1.0);
      }
    }
    ranges.push_back(std::move(r));
  }
  return ranges;
}

// The q of the most specific range matching `offer`, or -1 when none matches.
double QualityOf(std::string_view offer, const std::vector<MediaRange>& ranges) {
  std::size_t slash = offer.find('/');
  std::string_view type = offer.substr(0, slash), subtype = offer.substr(slash + 1);
  int best_specificity = -1;
  double q = -1;
  for (const auto& r : ranges) {
    int specificity;
    if (r.type == type && r.subtype == subtype) specificity = 2;
    else if (r.type == type && r.subtype == "*") specificity = 1;
    else if (r.type == "*") specificity = 0;
    else continue;
    if (specificity > best_specificity) {
      best_specificity = specificity;
      q = r.q;
    }
  }
  return q;
}

template <typename Offer, std::size_t N>
auto NegotiateTable(std::string_view accept, const Offer (&table)[N]) -> std::optional<decltype(table[0].format)> {
  std::string_view types[N];
  for (std::size_t i = 0; i < N; ++i) types[i] = table[i].media_type;
  auto index = Negotiate(accept, types);
  if (!index) return std::nullopt;
  return table[*index].format;
}

}  // namespace

std::optional<std::size_t> Negotiate(std::string_view accept, std::span<const std::string_view> offers) {
  if (offers.empty()) return std::nullopt;
  std::vector<MediaRange> ranges = ParseAccept(accept);
  if (ranges.empty()) return 0;
  std::optional<std::size_t> best;
  double best_q = 0;
  for (std::size_t i = 0; i < offers.size(); ++i) {
    double q = QualityOf(offers[i], ranges);
    if (q > best_q) {
      best_q = q;
      best = i;
    }
  }
  return best;
}

std::optional<sparql::ResultFormat> NegotiateResultFormat(std::string_view accept) {
  return NegotiateTable(accept, kResultOffers);
}

std::optional<RdfFormat> NegotiateRdfFormat(std::string_view accept) { return NegotiateTable(accept, kRdfOffers); }

std::optional<RdfFormat> RdfFormatFromMediaType(std::string_view media_type) {
  for (const auto& offer : kRdfOffers) {
    if (offer.media_type == media_type) return offer.format;
  }
  return std::nullopt;
}

std::string AvailableMediaTypes(bool rdf) {
  std::string list;
  auto add = [&](std::string_view type) {
    if (!list.empty()) list += ", ";
    list += type;
  };
  if (rdf) {
    for (const auto& offer : kRdfOffers) add(offer.media_type);
  } else {
    for (const auto& offer : kResultOffers) add(offer.media_type);
  }
  return list;
}

std::string NotAcceptableMessage(std::string_view what, bool rdf) {
  return "Not Acceptable: " + std::string(what) + " can be sent as " + AvailableMediaTypes(rdf) + "\n";
}

std::string BareMediaType(std::string_view content_type) {
  return Lower(Trim(content_type.substr(0, content_type.find(';'))));
}

}  // namespace cairn::http
