// The cairn command line: each verb registers itself on the CLI11 app and runs through Store.
// Exit codes: 0 success, 1 the operation failed, 2 the command line was wrong.
#pragma once

#include <string>

#include "storage/status.h"

namespace CLI {
class App;
}

namespace cairn::cli {

void AddLoadCommand(CLI::App& app);
void AddDumpCommand(CLI::App& app);
void AddStatsCommand(CLI::App& app);
void AddMatchCommand(CLI::App& app);
void AddQueryCommand(CLI::App& app);
void AddUpdateCommand(CLI::App& app);
void AddServeCommand(CLI::App& app);
void AddPublishCommand(CLI::App& app);

// Prints "cairn: <message>" to stderr and returns the exit code for it.
int Fail(const Status& status);
int Fail(const std::string& message, int code = 1);

// A request's text: `file`'s contents when a file is given, else `inline_text`.
Result<std::string> ReadRequestText(const std::string& inline_text, const std::string& file);

// Set by a verb's callback; main() returns it.
extern int g_exit_code;

}  // namespace cairn::cli
