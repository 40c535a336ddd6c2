// See public_key.h. (Filled in by the signature formats work.)
#include "supply/public_key.h"
