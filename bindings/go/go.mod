module byzcheck/replica

go 1.19
