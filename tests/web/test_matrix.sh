#!/bin/sh
# The authorisation matrix (issue 8): every route with every role gets
# exactly what the permission rules allow, a refused request changes
# nothing, and so does a request without the CSRF token (matrix.py).
exec python3 "$(dirname "$0")/matrix.py" "$1"
