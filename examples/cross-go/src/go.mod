module example.com/cross-go

go 1.27
