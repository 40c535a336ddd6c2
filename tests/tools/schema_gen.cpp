// Writes what is generated from the core's field lists and option lists:
//   schema_gen [<repo>]
// the JSON Schemas in schemas/ (json/schema.h), the model's TypeScript declarations in
// web/lib/model.d.ts (model_dts.h), and the boundary's declarations in web/lib/boundary.d.ts with
// the option tables in docs/options.md (boundary_dts.h). tests/wasm/json/schema_test.cpp includes
// this file (with ISIMPORT_SCHEMA_GEN_NO_MAIN) and fails when a committed file differs.
#include <cstdio>
#include <fstream>
#include <string>

#include "boundary_dts.h"
#include "json/schema.h"
#include "model_dts.h"

#ifndef ISIMPORT_SCHEMA_GEN_NO_MAIN
namespace {

bool writeFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) {
    std::fprintf(stderr, "schema_gen: cannot write %s\n", path.c_str());
    return false;
  }
  std::printf("wrote %s\n", path.c_str());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 2) {
    std::fprintf(stderr, "usage: schema_gen [REPO]   (writes REPO/schemas/*.json, REPO/web/lib/{model,boundary}.d.ts, REPO/docs/options.md)\n");
    return 2;
  }
  std::string repo = argc == 2 ? argv[1] : ".";
  isimport::model_dts::ModelDts dts = isimport::model_dts::generateModelDts();
  if (!dts.error.empty()) {
    std::fprintf(stderr, "schema_gen: %s", dts.error.c_str());
    return 1;
  }
  for (const auto& file : isimport::generateSchemas()) {
    if (!writeFile(repo + "/schemas/" + file.fileName, file.text)) return 1;
  }
  bool ok = writeFile(repo + "/web/lib/model.d.ts", dts.text) &&
            writeFile(repo + "/web/lib/boundary.d.ts", isimport::boundary_dts::generateBoundaryDts()) &&
            writeFile(repo + "/docs/options.md", isimport::boundary_dts::generateOptionsDoc());
  return ok ? 0 : 1;
}
#endif
