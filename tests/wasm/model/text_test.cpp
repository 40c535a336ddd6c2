// Tests for wasm/model/text.h: a string field's value, a view of the decoded text or a copy of its
// own, and that a view never travels further than moves — the rule that keeps borrowing safe.

#include "model/text.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace isimport {
namespace {

// Whether `text`'s bytes are those of `source`, not a copy.
bool views(const Text& text, const std::string& source) {
  return text.data() >= source.data() && text.data() <= source.data() + source.size();
}

TEST(Text, AssignedTextIsACopy) {
  std::string source = "quay.io/openshift/origin-cli:latest";
  Text text = source;
  EXPECT_EQ(text, "quay.io/openshift/origin-cli:latest");
  EXPECT_FALSE(views(text, source));
  source.assign(source.size(), 'x');
  EXPECT_EQ(text, "quay.io/openshift/origin-cli:latest");
}

TEST(Text, BorrowedTextViewsItsSource) {
  std::string source = "{\"name\":\"quay.io/openshift/origin-cli:latest\"}";
  Text text;
  text.borrow(std::string_view(source).substr(9, 35));
  EXPECT_EQ(text, "quay.io/openshift/origin-cli:latest");
  EXPECT_TRUE(views(text, source));
}

TEST(Text, ACopyCanBecomeAViewAndAViewACopy) {
  std::string source = "quay.io/openshift/origin-cli:latest";
  Text text = "Legacy";
  text.borrow(source);
  EXPECT_TRUE(views(text, source));
  text = "PreserveOriginal";
  EXPECT_FALSE(views(text, source));
  EXPECT_EQ(text, "PreserveOriginal");
}

TEST(Text, ACopyOfAViewOwnsItsBytes) {
  std::string source = "quay.io/openshift/origin-cli:latest";
  Text viewing;
  viewing.borrow(source);
  Text copied = viewing;
  Text assigned;
  assigned = viewing;
  EXPECT_FALSE(views(copied, source));
  EXPECT_FALSE(views(assigned, source));
  source.assign(source.size(), 'x');
  EXPECT_EQ(copied, "quay.io/openshift/origin-cli:latest");
  EXPECT_EQ(assigned, "quay.io/openshift/origin-cli:latest");
}

TEST(Text, AMovedViewStillViewsAndLeavesNothingBehind) {
  std::string source = "quay.io/openshift/origin-cli:latest";
  Text viewing;
  viewing.borrow(source);
  Text moved = std::move(viewing);
  EXPECT_TRUE(views(moved, source));
  EXPECT_TRUE(viewing.empty());  // NOLINT(bugprone-use-after-move): a moved-from Text is empty
}

TEST(Text, AMovedCopyViewsItsOwnBytesWhereverTheyWent) {
  // A short text lives inside the object: after a move it must be read from its new place.
  for (const char* value : {"Legacy", "a name longer than any string's inline buffer"}) {
    Text owner = value;
    Text moved = std::move(owner);
    Text assigned;
    assigned = std::move(moved);
    EXPECT_EQ(assigned, value);
    EXPECT_TRUE(owner.empty());  // NOLINT(bugprone-use-after-move)
  }
}

TEST(Text, AssignsASliceOfItself) {
  Text text = "docker.io/library/nginx:1.25";
  text = text.substr(10, 13);
  EXPECT_EQ(text, "library/nginx");
}

TEST(Text, ComparesReadsAndJoinsAsAString) {
  Text text = "ImageStreamImport";
  EXPECT_TRUE(text == "ImageStreamImport");
  EXPECT_TRUE(std::string_view("ImageStreamImport") == text);
  EXPECT_TRUE(std::string("ImageStreamImport") == text);
  EXPECT_TRUE(text != Text("ImageStream"));
  EXPECT_TRUE(Text("ImageStream") < text);
  EXPECT_EQ(text + "List", "ImageStreamImportList");
  EXPECT_EQ("v1." + text, "v1.ImageStreamImport");
  EXPECT_EQ(text.find('S'), 5u);
  EXPECT_EQ(text.str(), std::string("ImageStreamImport"));
  text.clear();
  EXPECT_TRUE(text.empty());
}

}  // namespace
}  // namespace isimport
