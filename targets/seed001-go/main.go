// Command seed001-go runs seed 001's Go PBFT (package consensus) as a byzcheck subprocess replica.
// With --seed-locking it keeps the seed's mutex in updatePrimaryStatus (see FINDINGS.md).
package main

import (
	"flag"

	"byzcheck/replica"
	"byzcheck/targets/seed001-go/consensus"
)

func main() {
	flag.BoolVar(&consensus.SeedLocking, "seed-locking", false, "keep the seed's locking in updatePrimaryStatus (deadlocks on the first view change)")
	flag.Parse()
	replica.Run("seed001-go", consensus.NewReplica)
}
