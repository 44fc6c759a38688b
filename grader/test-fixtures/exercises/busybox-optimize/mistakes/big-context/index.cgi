#!/bin/sh
printf 'Content-Type: application/json\r\n\r\n'
printf '{"msg":"%s"}\n' "${GREETING:-Hello}"
