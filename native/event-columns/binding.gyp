{
  "targets": [
    {
      "target_name": "event_columns",
      "sources": ["event_columns.cc"],
      "cflags_cc": ["-O3", "-std=c++17", "-fno-exceptions"]
    }
  ]
}
