#include "http/metrics.h"

#include <cstdio>
#include <sstream>

#include "engine/store.h"

namespace cairn::http {
namespace {

// Seconds: from a cached lookup to the default 30 s query timeout.
constexpr double kBounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
constexpr std::string_view kEndpoints[] = {"/", "/sparql", "/update", "/store", "/id", "/doc", "/ui", "/metrics", "/health"};

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

}  // namespace

std::string_view Metrics::Endpoint(std::string_view path) {
  if (path.rfind("/store/", 0) == 0) return "/store";
  if (path.rfind("/ui/", 0) == 0) return "/ui";
  if (path.rfind("/id/", 0) == 0) return "/id";
  if (path.rfind("/doc", 0) == 0 || path == "/describe" || path.rfind("/def/", 0) == 0) return "/doc";
  for (std::string_view e : kEndpoints) {
    if (e == path) return e;
  }
  return "other";
}

void Metrics::RecordRequest(std::string_view path, int status, double seconds) {
  std::string endpoint(Endpoint(path));
  std::lock_guard lock(mutex_);
  ++requests_[{endpoint, status}];
  Histogram& h = latency_[endpoint];
  if (h.buckets.empty()) h.buckets.resize(std::size(kBounds));
  for (std::size_t i = 0; i < std::size(kBounds); ++i) {
    if (seconds <= kBounds[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::shared_ptr<void> Metrics::TrackInProgress(std::string_view path) {
  std::string endpoint(Endpoint(path));
  {
    std::lock_guard lock(mutex_);
    ++in_progress_[endpoint];
  }
  // The returned token decrements when its last copy goes (with the response it is attached to).
  return std::shared_ptr<void>(nullptr, [this, endpoint](void*) {
    std::lock_guard lock(mutex_);
    --in_progress_[endpoint];
  });
}

std::string Metrics::Render(const StoreSummary& store) const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP cairn_http_requests_total HTTP requests answered, by endpoint and status code.\n"
         "# TYPE cairn_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    out << "cairn_http_requests_total{endpoint=\"" << key.first << "\",code=\"" << key.second << "\"} " << count << "\n";
  }
  out << "# HELP cairn_http_request_duration_seconds Time from a request's arrival to the end of its response.\n"
         "# TYPE cairn_http_request_duration_seconds histogram\n";
  for (const auto& [endpoint, h] : latency_) {
    std::string label = "endpoint=\"" + endpoint + "\"";
    for (std::size_t i = 0; i < std::size(kBounds); ++i) {
      out << "cairn_http_request_duration_seconds_bucket{" << label << ",le=\"" << Number(kBounds[i]) << "\"} "
          << h.buckets[i] << "\n";
    }
    out << "cairn_http_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} " << h.count << "\n";
    out << "cairn_http_request_duration_seconds_sum{" << label << "} " << Number(h.sum) << "\n";
    out << "cairn_http_request_duration_seconds_count{" << label << "} " << h.count << "\n";
  }
  out << "# HELP cairn_http_requests_in_progress Requests being handled or answered now (queries running at /sparql).\n"
         "# TYPE cairn_http_requests_in_progress gauge\n";
  for (std::string_view e : kEndpoints) {
    auto it = in_progress_.find(std::string(e));
    out << "cairn_http_requests_in_progress{endpoint=\"" << e << "\"} " << (it == in_progress_.end() ? 0 : it->second) << "\n";
  }
  out << "# HELP cairn_store_triples Triples (quads) in the store.\n# TYPE cairn_store_triples gauge\n"
      << "cairn_store_triples " << store.triples << "\n"
      << "# HELP cairn_store_named_graphs Named graphs in the store.\n# TYPE cairn_store_named_graphs gauge\n"
      << "cairn_store_named_graphs " << store.named_graphs << "\n"
      << "# HELP cairn_store_disk_bytes Bytes the store occupies on disk.\n# TYPE cairn_store_disk_bytes gauge\n"
      << "cairn_store_disk_bytes " << store.disk_bytes << "\n";
  return out.str();
}

}  // namespace cairn::http
