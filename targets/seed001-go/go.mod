module byzcheck/targets/seed001-go

go 1.19

require byzcheck/replica v0.0.0

replace byzcheck/replica => ../../bindings/go
