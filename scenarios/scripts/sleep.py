# time.sleep_ms on the runtime: the core waits with WFI for a TIM2 compare, and the
# emulator skips the sleep instead of running it.
import time

print("sleeping")
time.sleep_ms(1000)
print("awake")
