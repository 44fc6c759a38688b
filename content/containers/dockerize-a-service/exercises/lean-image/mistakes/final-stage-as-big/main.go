package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"time"
)

const addr = ":8080"

func greet(w http.ResponseWriter, _ *http.Request) {
	msg := os.Getenv("GREETING")
	if msg == "" {
		msg = "Hello"
	}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(map[string]string{"msg": msg}); err != nil {
		log.Printf("write response: %v", err)
	}
}

// probe lets the image health-check itself: scratch has no shell and no curl to do it for us.
func probe() int {
	client := http.Client{Timeout: 2 * time.Second}
	resp, err := client.Get("http://127.0.0.1" + addr + "/")
	if err != nil {
		return 1
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 1
	}
	return 0
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "healthcheck" {
		os.Exit(probe())
	}
	http.HandleFunc("/", greet)
	log.Printf("listening on %s", addr)
	log.Fatal(http.ListenAndServe(addr, nil))
}
