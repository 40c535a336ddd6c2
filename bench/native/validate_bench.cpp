// The native core on the validation benchmark's documents (bench/corpus.mjs writes them, one JSON
// document per line): documents per second through validateCompact, what the wasm build's
// validateBytes() calls for validate(). Run by bench/validate.mjs beside the wasm and ajv figures.
//   bench_validate FILE [SECONDS]
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "boundary/api.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_validate FILE [SECONDS]\n");
    return 2;
  }
  std::ifstream in(argv[1]);
  std::vector<std::string> docs;
  for (std::string line; std::getline(in, line);) docs.push_back(line);
  if (docs.empty()) return 2;
  double seconds = argc > 2 ? std::stod(argv[2]) : 1.0;
  size_t valid = 0, done = 0;
  std::string answer;
  auto start = std::chrono::steady_clock::now();
  for (;;) {
    for (const auto& d : docs) {
      valid += isimport::validateCompact(d, isimport::ValidateRequest{}, answer) >= 0;
    }
    done += docs.size();
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= seconds) break;
  }
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"docsPerSecond\": %.0f, \"documents\": %zu, \"valid\": %zu}\n", done / elapsed, done, valid * docs.size() / done);
  return 0;
}
