// Which IRIs a SPARQL LOAD may read. Cairn fetches nothing on its own: the operator lists the
// directories whose files may be loaded (`--allow-load DIR`); every other IRI is refused, so an
// update cannot make the server read arbitrary files or send requests elsewhere (no SSRF).
#pragma once

#include <string>
#include <vector>

#include "sparql/eval/update_executor.h"

namespace cairn {

// A LoadHandler reading file: IRIs inside `allowed_dirs` (after resolving symlinks and ".."),
// in the format their extension names. Null when `allowed_dirs` is empty: LOAD then fails
// (and LOAD SILENT does nothing).
sparql::LoadHandler MakeFileLoadHandler(const std::vector<std::string>& allowed_dirs);

}  // namespace cairn
