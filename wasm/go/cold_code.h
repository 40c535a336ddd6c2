// Marks the code of a file as cold: built for size (clang's minsize) even in the module built for
// speed. A whole-file -Os would not do: the inline functions a file instantiates (std::string's
// members) would carry its size setting into the copy the linker keeps for every file. This
// marks only the functions the file itself defines. Used for the files whose code runs once per
// document or only on failure (errors, answers, the page's pure rules), never per byte.
//
//   ISIMPORT_COLD_CODE_BEGIN  (after the includes)  ...  ISIMPORT_COLD_CODE_END  (at the end)
//
// It lives in the lowest layer so that every layer may include it. Other compilers build as usual.
#pragma once

#if defined(__clang__)
#define ISIMPORT_COLD_CODE_BEGIN _Pragma("clang attribute push(__attribute__((minsize)), apply_to = function)")
#define ISIMPORT_COLD_CODE_END _Pragma("clang attribute pop")
#else
#define ISIMPORT_COLD_CODE_BEGIN
#define ISIMPORT_COLD_CODE_END
#endif
