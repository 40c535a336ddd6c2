// Writes schemas/*.json from the C++ model: `schema_gen <repo>/schemas`.
#include <cstdio>
#include <fstream>

#include "json/schema.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: schema_gen OUTPUT_DIR\n");
    return 2;
  }
  for (const auto& file : isimport::generateSchemas()) {
    std::string path = std::string(argv[1]) + "/" + file.fileName;
    std::ofstream out(path, std::ios::binary);
    out << file.text;
    if (!out) {
      std::fprintf(stderr, "schema_gen: cannot write %s\n", path.c_str());
      return 1;
    }
    std::printf("wrote %s\n", path.c_str());
  }
  return 0;
}
