// The boundary's entry points (api.h): validateCompact's numbers, and the importer's own tag
// priority and Legacy list choice, as JSON for the page.
#include "boundary/api.h"

#include <gtest/gtest.h>

namespace isimport {
namespace {

TEST(ValidateCompact, NumbersTheCommonAnswersAndNotesARootItemsMember) {
  const std::string spec = R"("spec":{"import":false,"images":[{"from":{"kind":"DockerImage","name":"nginx:1"}}]})";
  std::string answer;
  ValidateRequest strict;
  EXPECT_EQ(validateCompact(R"({"metadata":{"name":"a"},)" + spec + "}", strict, answer), 0);
  EXPECT_EQ(validateCompact(R"({"kind":"ImageStreamImport","apiVersion":"image.openshift.io/v1","metadata":{"name":"a"},)" + spec + "}",
                            strict, answer),
            4 | 8);
  // "items" nested, or spelled in another case, is no list; at the root it is.
  EXPECT_EQ(validateCompact(R"({"metadata":{"name":"a","annotations":{"items":"x"}},)" + spec + "}", strict, answer), 0);
  ValidateRequest ignore;
  ignore.fieldValidation = 2;
  EXPECT_EQ(validateCompact(R"({"Items":[],"metadata":{"name":"a"},)" + spec + "}", ignore, answer), 0);
  EXPECT_EQ(validateCompact(R"({"items":[],"metadata":{"name":"a"},)" + spec + "}", ignore, answer), 16);
  // Refused in Strict mode: the JSON answer says it.
  EXPECT_EQ(validateCompact(R"({"items":[],"metadata":{"name":"a"},)" + spec + "}", strict, answer), -1);
  EXPECT_NE(answer.find(R"("rootItems":true)"), std::string::npos) << answer;
}

TEST(PrioritizeTagsJson, ClassifiesEveryTagInOpenShiftsOrder) {
  EXPECT_EQ(prioritizeTagsJson(R"(["other","latest","v5.5","5.2.3","5.5","sha256-abc.sig","1.2-rc1",""])"),
            R"({"tags":[{"tag":"latest","class":"latest"},{"tag":"5.5","class":"minor"},)"
            R"({"tag":"v5.5","class":"minor"},{"tag":"1.2-rc1","class":"minor"},{"tag":"5.2.3","class":"full"},)"
            R"({"tag":"other","class":"other"},{"tag":"sha256-abc.sig","class":"other"}]})");
}

TEST(PrioritizeTagsJson, RefusesWhatIsNotAnArrayOfStrings) {
  EXPECT_EQ(prioritizeTagsJson("{}"), R"({"usageError":"tags must be a JSON array"})");
  EXPECT_EQ(prioritizeTagsJson("[1]"), R"({"usageError":"tags must hold strings only"})");
  EXPECT_EQ(prioritizeTagsJson("[\"a\""), R"({"usageError":"tags must be a JSON array"})");
}

TEST(LegacyChoiceJson, PreferredThenLinuxAmd64ThenFirst) {
  const char* list = R"([{"architecture":"arm64","os":"linux","variant":"v8"},{"architecture":"amd64","os":"linux"},)"
                     R"({"architecture":"s390x","os":"linux"}])";
  EXPECT_EQ(legacyChoiceJson(list, "linux/s390x"), R"({"index":2,"rule":"preferred"})");
  EXPECT_EQ(legacyChoiceJson(list, "linux/arm64/v7"), R"({"index":0,"rule":"preferred"})");  // variant ignored
  EXPECT_EQ(legacyChoiceJson(list, "linux/ppc64le"), R"({"index":1,"rule":"linux/amd64"})");
  EXPECT_EQ(legacyChoiceJson(R"([{"architecture":"arm","os":"linux"},{"architecture":"amd64","os":"windows"}])", "linux/ppc64le"),
            R"({"index":0,"rule":"first"})");
}

TEST(LegacyChoiceJson, RefusesAnEmptyListAndABadPlatform) {
  EXPECT_NE(legacyChoiceJson("[]", "linux/amd64").find("usageError"), std::string::npos);
  EXPECT_NE(legacyChoiceJson(R"([{"os":1}])", "linux/amd64").find("usageError"), std::string::npos);
  EXPECT_EQ(legacyChoiceJson(R"([{"architecture":"amd64","os":"linux"}])", "linux"),
            R"({"usageError":"platform must be os/arch[/variant], e.g. linux/amd64"})");
  EXPECT_NE(legacyChoiceJson(R"([{"architecture":"amd64","os":"linux"}])", "linux/amd64/v1/x").find("usageError"),
            std::string::npos);
}

}  // namespace
}  // namespace isimport
