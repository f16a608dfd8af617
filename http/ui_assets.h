// Static files built into the binary for the query page: the YASGUI editor's bundle, fetched
// from npm at configure time (http/ui/fetch_yasgui.sh). A build without it still serves a plain
// query form on /.
#pragma once

#include <optional>
#include <string_view>

namespace cairn::http {

struct UiAsset {
  std::string_view content_type;
  std::string_view body;
};

// "/ui/yasgui-<version>.min.js" and ".min.css"; nullopt for anything else or when not built in.
std::optional<UiAsset> FindUiAsset(std::string_view path);

// The paths of the bundle's script and stylesheet, or empty views when it is not built in.
std::string_view YasguiScriptPath();
std::string_view YasguiStylePath();

}  // namespace cairn::http
