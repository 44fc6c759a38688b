module example.com/go-greeter

go 1.22
