// Private to storage/: creates the SST-ingesting BulkLoader for a RocksDB store.
#pragma once

#include <memory>

#include "storage/quad_store.h"

namespace cairn::internal {
struct StoreCore;
Result<std::unique_ptr<BulkLoader>> MakeBulkLoader(std::shared_ptr<StoreCore> core);
}  // namespace cairn::internal
