// Counters for /metrics, in the Prometheus text exposition format (version 0.0.4): requests by
// endpoint and status, a latency histogram per endpoint, requests in progress, and the store's
// size. Thread-safe. Endpoint labels come from a fixed list (unknown paths count as "other"), so
// no client can grow the label set.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace cairn {
struct StoreSummary;
}

namespace cairn::http {

class Metrics {
 public:
  // One request answered (from the transport, after its log line).
  void RecordRequest(std::string_view path, int status, double seconds);
  // Held while a request is being handled and its response written; see routes.cpp.
  std::shared_ptr<void> TrackInProgress(std::string_view path);
  std::string Render(const StoreSummary& store) const;

  // The endpoint label for a request path.
  static std::string_view Endpoint(std::string_view path);

 private:
  struct Histogram {
    std::vector<std::uint64_t> buckets;  // cumulative counts per bound in kBounds
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;  // (endpoint, status)
  std::map<std::string, Histogram> latency_;                        // per endpoint
  std::map<std::string, std::int64_t> in_progress_;
};

}  // namespace cairn::http
