// Its own module, so that the lazy import below takes Mantine's toast container alone: the notifications store that
// features import (notifications.show) stays where they are.
export { Notifications as default } from '@mantine/notifications';
