// Fuzz target: spectrakit-partition's argument parsing and file handling, through
// spectrakit::tools::run_partition (the function main() calls).
//
// Input: optional argument lines, then a line "--", then the graph file's bytes. Without a
// "--" line the whole input is the graph file (so the readers' corpora replay through the tool
// too). The file is written to a scratch path (".mtx" when it starts with "%%", ".txt"
// otherwise) that is always the GRAPH argument; fuzzed option values that name files are
// replaced by scratch paths, other bare words are dropped, so the fuzzer never reads or writes
// a file of its choosing. --max-nodes 300 and --svg-max-nodes 60 are imposed last to bound the
// work per input. The exit status must be 0 (success), 2 (usage) or 3 (bad input): 1 (internal
// error), 4 (out of memory) and 5 (unwritable scratch output) abort.
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "../../tools/partition_tool.hpp"
#include "fuzz_common.hpp"

SPECTRAKIT_FUZZ_ENTRY(partition_tool) {
  static spectrakit_fuzz::ScratchFile mtx(".mtx"), txt(".txt"), svg(".svg"), parts(".parts");
  const char* const begin = reinterpret_cast<const char*>(data);
  const char* const end = begin + size;
  std::vector<std::string> words;
  const char* content = begin;
  for (const char* p = begin; p < end;) {  // argument lines up to a "--" line
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (!nl) break;
    const std::string line(p, nl);
    if (line == "--") {
      content = nl + 1;
      break;
    }
    words.push_back(line);
    p = nl + 1;
  }
  if (content == begin) words.clear();
  const bool matrix_market = end - content >= 2 && content[0] == '%' && content[1] == '%';
  spectrakit_fuzz::ScratchFile& graph = matrix_market ? mtx : txt;
  graph.write(content, static_cast<std::size_t>(end - content));

  std::vector<std::string> args = {"spectrakit-partition", graph.path()};
  bool svg_asked = false;
  for (std::size_t k = 0; k < words.size(); ++k) {
    const std::string& w = words[k];
    const bool file_value = w == "--out" || w == "-o" || w == "--svg";
    const bool value = w == "--parts" || w == "-k" || w == "--seed" || w == "--max-nodes" || w == "--svg-max-nodes";
    if (file_value || value) {
      if (k + 1 >= words.size()) break;  // a dangling option would swallow the imposed ones
      args.push_back(w);
      ++k;
      if (w == "--svg") svg_asked = true;
      args.push_back(!file_value ? words[k] : (w == "--svg" ? svg.path() : parts.path()));
    } else if (!w.empty() && w[0] == '-' && w != "-") {
      args.push_back(w);  // flags, and unknown options (usage errors)
    }
  }
  if (!svg_asked) args.insert(args.end(), {"--svg", "none"});
  args.insert(args.end(), {"--out", parts.path(), "--max-nodes", "300", "--svg-max-nodes", "60", "--quiet"});
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int status = spectrakit::tools::run_partition(static_cast<int>(argv.size()), argv.data(), out, err);
  if (status != 0 && status != 2 && status != 3) {
    std::fprintf(stderr, "spectrakit-partition exit status %d: %s\n", status, err.str().c_str());
    spectrakit_fuzz::require(false, "the tool must exit with 0, 2 or 3 on any input");
  }
  spectrakit_fuzz::require(status == 0 || err.str().rfind("spectrakit-partition: ", 0) == 0,
                           "a failure must print 'spectrakit-partition: ...'");
  return 0;
}
