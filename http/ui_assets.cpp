#include "http/ui_assets.h"

#ifdef CAIRN_YASGUI_DIR
// .incbin puts the files into .rodata as they are, at assembly time: no megabyte-long array
// literal for the compiler to parse.
asm(".section .rodata\n"
    ".balign 16\n"
    "cairn_yasgui_js_begin:\n"
    ".incbin \"" CAIRN_YASGUI_DIR "/yasgui.min.js\"\n"
    "cairn_yasgui_js_end:\n"
    ".balign 16\n"
    "cairn_yasgui_css_begin:\n"
    ".incbin \"" CAIRN_YASGUI_DIR "/yasgui.min.css\"\n"
    "cairn_yasgui_css_end:\n"
    ".previous\n");
extern "C" const char cairn_yasgui_js_begin[], cairn_yasgui_js_end[];
extern "C" const char cairn_yasgui_css_begin[], cairn_yasgui_css_end[];
#endif

namespace cairn::http {

#ifdef CAIRN_YASGUI_DIR
namespace {
constexpr std::string_view kScript = "/ui/yasgui-" CAIRN_YASGUI_VERSION ".min.js";
constexpr std::string_view kStyle = "/ui/yasgui-" CAIRN_YASGUI_VERSION ".min.css";
}  // namespace

std::optional<UiAsset> FindUiAsset(std::string_view path) {
  if (path == kScript) {
    return UiAsset{"text/javascript; charset=utf-8",
                   std::string_view(cairn_yasgui_js_begin, cairn_yasgui_js_end - cairn_yasgui_js_begin)};
  }
  if (path == kStyle) {
    return UiAsset{"text/css; charset=utf-8",
                   std::string_view(cairn_yasgui_css_begin, cairn_yasgui_css_end - cairn_yasgui_css_begin)};
  }
  return std::nullopt;
}
std::string_view YasguiScriptPath() { return kScript; }
std::string_view YasguiStylePath() { return kStyle; }
#else
std::optional<UiAsset> FindUiAsset(std::string_view) { return std::nullopt; }
std::string_view YasguiScriptPath() { return {}; }
std::string_view YasguiStylePath() { return {}; }
#endif

}  // namespace cairn::http
