// cairn: load, dump and inspect a Cairn store. See README.md.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "engine/cli/commands.h"

namespace cairn::cli {

int g_exit_code = 0;

int Fail(const Status& status) {
  int code = status.IsInvalidArgument() || status.IsNotFound() ? 2 : 1;
  if (status.IsNotFound() || status.IsSyntax() || status.IsInvalidArgument()) {
    std::cerr << "cairn: " << status.message() << "\n";
  } else {
    std::cerr << "cairn: " << status.ToString() << "\n";
  }
  return code == 2 && status.IsNotFound() ? 1 : code;
}

int Fail(const std::string& message, int code) {
  std::cerr << "cairn: " << message << "\n";
  return code;
}

Result<std::string> ReadRequestText(const std::string& inline_text, const std::string& file) {
  if (file.empty()) return inline_text;
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IOError("cannot read " + file);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace cairn::cli

int main(int argc, char** argv) {
  CLI::App app{"Cairn: an RDF quad store and linked-data server"};
  app.name("cairn");
  app.require_subcommand(1);
  app.set_version_flag("--version", "cairn 0.1.0");
  // One line per error, in the same "cairn: ..." form as every other error.
  app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
    return std::string(e.what()) + " (see: " + failed->get_name() + " --help)\n";
  });
  cairn::cli::AddLoadCommand(app);
  cairn::cli::AddDumpCommand(app);
  cairn::cli::AddStatsCommand(app);
  cairn::cli::AddMatchCommand(app);
  cairn::cli::AddQueryCommand(app);
  cairn::cli::AddUpdateCommand(app);
  cairn::cli::AddServeCommand(app);
  cairn::cli::AddPublishCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "cairn: ";
    app.exit(e);
    return 2;
  }
  return cairn::cli::g_exit_code;
}
